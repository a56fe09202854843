export default defineAppConfig({
  // The main package holds only the app shell, the campaign list and detail, sign-in and the profile.
  pages: ['pages/index/index', 'pages/campaign/index', 'pages/login/index', 'pages/profile/index'],
  // Everything that comes later (wizard, status, messages, recommender) lives in subpackages.
  subPackages: [{ root: 'packages/demand', pages: ['pages/list/index'] }],
  tabBar: {
    color: '#5c6470',
    selectedColor: '#1a56a8',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '征集活动',
        iconPath: 'assets/tabbar/campaigns.png',
        selectedIconPath: 'assets/tabbar/campaigns-active.png'
      },
      {
        pagePath: 'pages/profile/index',
        text: '我的',
        iconPath: 'assets/tabbar/profile.png',
        selectedIconPath: 'assets/tabbar/profile-active.png'
      }
    ]
  },
  window: {
    navigationBarBackgroundColor: '#1a56a8',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '技术需求征集',
    backgroundColor: '#f3f5f8',
    backgroundTextStyle: 'dark'
  }
})
