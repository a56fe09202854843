/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set,
 * the last one a check character over the first 17 (weights 3^(i-1) mod 31).
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export type CreditCodeProblem = 'length' | 'charset' | 'region' | 'checksum'

export function creditCodeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i]
  const c = 31 - (sum % 31)
  return CHARSET[c === 31 ? 0 : c]
}

/** Returns null for a valid code, otherwise what is wrong with it. */
export function checkCreditCode(input: string): CreditCodeProblem | null {
  const code = input.trim().toUpperCase()
  if (code.length !== 18) return 'length'
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'charset'
  if (!SHAPE.test(code)) return 'region'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum'
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）',
  region: '统一社会信用代码第3至8位应为行政区划数字',
  checksum: '统一社会信用代码校验位不正确，请核对后重新输入'
}
