module.exports = require('../../eslint-size-limits')(__dirname);
