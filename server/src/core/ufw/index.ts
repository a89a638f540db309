/**
 * ufw as `ufw enable` loads it: the settings of `/etc/default/ufw` and `ufw.conf`, ufw's chain
 * skeleton around the admin's before/user/after rule files, and the logging rules, as netfilter
 * fragments (see load.ts). Pure: the texts are passed in.
 */
export { loadUfw, SKELETON_FILE, type UfwConfig, type UfwLoad, type UfwSource } from './load';
export { LOG_LEVELS, UBUNTU_DEFAULTS, type UfwLogLevel, type UfwPolicy, type UfwSettings, type UfwText } from './settings';
export { ufwLayout, ufwPaths, UFW_RULE_FILES, type UfwFiles } from './discover';
