import { checkCreditCode, creditCodeCheckChar } from '../../types/credit-code'

describe('统一社会信用代码 (GB 32100)', () => {
  it.each(['91110000101623741K', '911101066976941872', '91512081MA62K0260E', '11320000MB151840XJ'])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toBeNull()
  })

  it('rejects the standard’s own corrupted example 91350100M000100Y4Z (check char should be 3)', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    // Z is outside the code's character set altogether; with its true check char the code passes.
    expect(checkCreditCode('91350100M000100Y4Z')).toBe('charset')
    expect(checkCreditCode('91350100M000100Y43')).toBeNull()
    expect(checkCreditCode('91350100M000100Y44')).toBe('checksum')
  })

  it('maps a remainder of 0 to the check character 0, not out of range', () => {
    // Find a 17-character body whose weighted sum is divisible by 31 and check the mapping.
    const base = '9111000010162374'
    const withZero = [...'0123456789ABCDEFGHJKLMNPQRTUWXY']
      .map((c) => base + c)
      .find((body) => creditCodeCheckChar(body) === '0')
    expect(withZero).toBeDefined()
    expect(checkCreditCode(withZero + '0')).toBeNull()
  })

  it('catches every single-character corruption of a valid code', () => {
    const valid = '91110000101623741K'
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    for (let i = 0; i < 18; i++) {
      for (const c of charset) {
        if (c === valid[i]) continue
        const corrupted = valid.slice(0, i) + c + valid.slice(i + 1)
        expect(checkCreditCode(corrupted)).not.toBeNull()
      }
    }
  })

  it('names what is wrong', () => {
    expect(checkCreditCode('9111000010162374')).toBe('length')
    expect(checkCreditCode('91110000101623741O')).toBe('charset')
    expect(checkCreditCode('9111A000101623741K')).toBe('region')
    expect(checkCreditCode(' 91110000101623741k ')).toBeNull()
  })
})
