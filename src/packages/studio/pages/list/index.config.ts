export default definePageConfig({
  navigationBarTitleText: '活动工作室',
  enablePullDownRefresh: true
})
