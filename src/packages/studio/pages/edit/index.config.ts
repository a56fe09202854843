export default definePageConfig({
  navigationBarTitleText: '编辑征集活动'
})
