// better-sqlite3 compiles a native addon when no prebuilt binary can be downloaded. node-gyp
// then fetches Node's headers from the internet — unless it is told where the local ones are.
// Debian's Node.js ships them under /usr/include/node: point node-gyp there when they exist
// and nobody chose otherwise (pnpm passes only chosen variables to dependency scripts).
const { existsSync } = require("node:fs");

module.exports = {
  hooks: {
    updateConfig(config) {
      if (!process.env.npm_config_nodedir && existsSync("/usr/include/node/node_api.h")) {
        config.extraEnv = { ...config.extraEnv, npm_config_nodedir: "/usr" };
      }
      return config;
    },
  },
};
