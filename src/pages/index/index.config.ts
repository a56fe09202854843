export default definePageConfig({
  navigationBarTitleText: '技术需求征集',
  enablePullDownRefresh: true
})
