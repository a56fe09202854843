export default definePageConfig({
  navigationBarTitleText: '留言'
})
