// The two IPC channels between preload and main: every AdminApi call goes over one, every
// AdminEvent over the other. Method names travel as data and are checked against the contract.
export const RPC_CHANNEL = 'gitguild:rpc';
export const EVENT_CHANNEL = 'gitguild:event';
