export default definePageConfig({
  navigationBarTitleText: '征集详情',
  // 转发 and 朋友圈 with the campaign's own card (src/features/campaigns/use-campaign-share.ts)
  enableShareAppMessage: true,
  enableShareTimeline: true
})
