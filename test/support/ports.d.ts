export function freePort(): Promise<number>
export function retryWhilePortTaken<T>(start: () => Promise<T>): Promise<T>
