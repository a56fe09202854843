export default defineAppConfig({
  // The main package holds only the app shell, the campaign list and detail, sign-in, the profile
  // and the message list (tab pages must be in the main package; the thread and status pages are not).
  pages: ['pages/index/index', 'pages/campaign/index', 'pages/login/index', 'pages/profile/index', 'pages/messages/index'],
  // Everything that comes later (wizard, status, messages, recommender) lives in subpackages.
  subPackages: [
    {
      root: 'packages/demand',
      pages: [
        'pages/list/index',
        'pages/wizard/index',
        'pages/review/index',
        'pages/versions/index',
        'pages/status/index',
        'pages/thread/index',
        'pages/settings/index'
      ]
    },
    // The recommending unit's and the bureau's pages (推荐工作台).
    { root: 'packages/recommend', pages: ['pages/workbench/index', 'pages/inbox/index', 'pages/demand/index', 'pages/ranking/index', 'pages/overview/index'] },
    // The bureau's campaign studio (活动工作室): its campaigns and the editor of one.
    { root: 'packages/studio', pages: ['pages/list/index', 'pages/edit/index'] },
    // 账号与数据, the agreements and agreeing to a new version (packages/account).
    { root: 'packages/account', pages: ['pages/data/index', 'pages/agreement/index', 'pages/consent/index'] }
  ],
  // 分包预下载 (both platforms read the same key): while the person reads a campaign, fetch the
  // subpackage of the wizard that 开始填报 opens.
  preloadRule: { 'pages/campaign/index': { network: 'all', packages: ['packages/demand'] } },
  // WeChat: inject only the components a page uses (DevTools' code-quality check asks for it).
  ...(process.env.TARO_ENV === 'weapp' ? { lazyCodeLoading: 'requiredComponents' } : {}),
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
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tabbar/messages.png',
        selectedIconPath: 'assets/tabbar/messages-active.png'
      },
      {
        pagePath: 'pages/profile/index',
        text: '我的',
        iconPath: 'assets/tabbar/profile.png',
        selectedIconPath: 'assets/tabbar/profile-active.png'
      }
    ]
  },
  // Privacy APIs (file pickers) wait for the person's agreement to our privacy guideline
  // (services/privacy): WeChat's and Alipay's app.json switches, each only in its own build.
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true } : {}),
  ...(process.env.TARO_ENV === 'alipay' ? { useprivacycheck: true } : {}),
  window: {
    navigationBarBackgroundColor: '#1a56a8',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '技术需求征集',
    backgroundColor: '#f3f5f8',
    backgroundTextStyle: 'dark'
  }
})
