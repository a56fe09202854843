export default definePageConfig({
  navigationBarTitleText: '推荐工作台',
  enablePullDownRefresh: true
})
