export default definePageConfig({
  navigationBarTitleText: '统计与遴选'
})
