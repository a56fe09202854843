export default definePageConfig({
  navigationBarTitleText: '审核需求',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120
})
