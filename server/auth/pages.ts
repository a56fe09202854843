/** The two pages of a sign-in's end (the callback answers a browser, not the app): failed, and back to the mini-program. */
import type { FastifyReply } from 'fastify'
import { randomToken } from './sessions'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function htmlPage(title: string, body: string, script = '') {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:48px 24px;text-align:center;color:#1f2937;background:#f2f5fa}
h1{font-size:20px}p{color:#4b5563;line-height:1.6}a{display:inline-block;margin-top:16px;padding:10px 24px;border-radius:8px;background:#0b4fa8;color:#fff;text-decoration:none}</style>
</head><body>${body}${script}</body></html>`
}

/** A sign-in that did not complete: a page for people, the stable code in a header for programs. */
export function failurePage(reply: FastifyReply, code: string, message: string, status = 400) {
  return reply
    .status(status)
    .header('x-error-code', code)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      htmlPage(
        '登录未完成',
        `<main><h1>登录未完成</h1><p>${escapeHtml(message)}</p><p>错误代码：${escapeHtml(code)}</p>
<a href="/#/pages/login/index">重新登录</a></main>`
      )
    )
}

/** Shown inside the mini-program's web-view: sends the one-time code back to the app. */
export function handoffPage(reply: FastifyReply, code: string) {
  const nonce = randomToken(12)
  const target = `/pages/login/index?handoff=${encodeURIComponent(code)}`
  const script = `<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script>
<script src="https://appx/web-view.min.js"></script>
<script nonce="${nonce}">(function(){var url=${JSON.stringify(target)};
if(window.wx&&wx.miniProgram){wx.miniProgram.redirectTo({url:url});}
else if(window.my&&my.redirectTo){my.redirectTo({url:url});}})();</script>`
  return reply
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}' https://res.wx.qq.com https://appx`
    )
    .type('text/html; charset=utf-8')
    .send(htmlPage('登录成功', '<main><h1>登录成功</h1><p>正在返回小程序…</p></main>', script))
}
