module.exports = { path: '/usr/bin/chromedriver' };
