/** A logger that drops everything, for plugins and actions that want one (LoggerService's shape). */
export const silentLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => silentLogger,
};
