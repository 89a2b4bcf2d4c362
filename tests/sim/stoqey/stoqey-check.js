// SPDX-License-Identifier: GPL-3.0-or-later
//
// An independent TWS client against alluse-gateway-sim (issue 4): the npm
// package @stoqey/ib, written outside this project, decodes every reply.
// Starts the simulator given by $ALLUSE_GATEWAY_SIM on port 0, runs each
// request type, and fails on any decode error its decoder reports.
// Exit 0: all answered; 1: a step failed; 77: @stoqey/ib is not installed.
"use strict";

const { spawn } = require("child_process");
const os = require("os");
const path = require("path");
const fs = require("fs");

let ib;
try {
  ib = require("@stoqey/ib");
} catch (e) {
  console.error("@stoqey/ib is not installed: run 'npm ci' in " + __dirname);
  process.exit(77);
}
const { IBApi, EventName, SecType, OrderAction, OrderType } = ib;

const SIM = process.env.ALLUSE_GATEWAY_SIM;
const CLOCK = "2026-03-02T10:00:00-05:00";   // a Monday, 10:00 New York time
const CLOCK_UNIX = 1772463600;
const STEP_MS = 8000;

if (!SIM || !fs.existsSync(SIM)) {
  console.error("ALLUSE_GATEWAY_SIM does not name the simulator binary");
  process.exit(1);
}

const decodeErrors = [];
const results = {};
let sim;

function fail(message) {
  console.error("stoqey-check: " + message);
  if (sim) sim.kill("SIGKILL");
  process.exit(1);
}

function check(condition, message) {
  if (!condition) fail(message);
}

function startSim() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-sim-stoqey-"));
  sim = spawn(SIM, ["--port", "0", "--seed", "7", "--clock", CLOCK,
                    "--state", path.join(dir, "state.json")],
              { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the simulator printed no port")), 20000);
    sim.stdout.on("data", (chunk) => {
      out += chunk.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(parseInt(out.slice(0, nl), 10));
      }
    });
    sim.on("exit", (code) => reject(new Error("the simulator exited with " + code)));
  });
}

// Waits for @event until @done(args) says the step is complete.
function waitFor(api, event, done, label) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      api.off(event, handler);
      reject(new Error(label + ": no answer in " + STEP_MS + " ms"));
    }, STEP_MS);
    function handler(...args) {
      if (done(...args)) {
        clearTimeout(timer);
        api.off(event, handler);
        resolve();
      }
    }
    api.on(event, handler);
  });
}

function collect(api, event, filter) {
  const seen = [];
  const handler = (...args) => { if (!filter || filter(...args)) seen.push(args); };
  api.on(event, handler);
  return { seen, stop: () => api.off(event, handler) };
}

async function main() {
  const port = await startSim();
  const api = new IBApi({ host: "127.0.0.1", port, clientId: 11 });
  const serverErrors = [];

  api.on(EventName.error, (err, code, reqId) => {
    const text = err && err.message ? err.message : String(err);
    if (/Decoding error|Underrun error|No parser implementation|unprocessed data/.test(text))
      decodeErrors.push(text);
    else
      serverErrors.push({ code, reqId, text });
  });

  // Connect: the accounts and the next valid id make the session ready.
  let nextId = 0;
  let accounts = "";
  const ready = Promise.all([
    waitFor(api, EventName.nextValidId, (id) => { nextId = id; return true; }, "nextValidId"),
    waitFor(api, EventName.managedAccounts, (a) => { accounts = a; return true; }, "managedAccounts"),
  ]);
  api.connect();
  await ready;
  check(accounts === "DU1234567", "managed accounts " + accounts);
  check(nextId >= 1, "next valid id " + nextId);
  results.serverVersion = api.serverVersion;

  // Current time: the simulated clock (D4), not the wall clock.
  let now = 0;
  const timeDone = waitFor(api, EventName.currentTime, (t) => { now = t; return true; }, "currentTime");
  api.reqCurrentTime();
  await timeDone;
  check(now >= CLOCK_UNIX && now < CLOCK_UNIX + 600, "current time " + now);
  results.currentTime = now;

  // Account summary.
  const summary = {};
  const summaryRows = collect(api, EventName.accountSummary, (r) => r === 1);
  const summaryDone = waitFor(api, EventName.accountSummaryEnd, (r) => r === 1, "accountSummary");
  api.reqAccountSummary(1, "All", "NetLiquidation,TotalCashValue");
  await summaryDone;
  summaryRows.stop();
  for (const [, account, tag, value, currency] of summaryRows.seen) {
    check(account === "DU1234567" && currency === "USD", "summary row " + tag);
    summary[tag] = parseFloat(value);
  }
  check(summary.TotalCashValue === 100000, "cash " + summary.TotalCashValue);
  check(summary.NetLiquidation > 100000, "net liquidation " + summary.NetLiquidation);
  results.summary = summary;

  // Positions: the demo's 100 shares and its short put.
  const positions = collect(api, EventName.position);
  const positionsDone = waitFor(api, EventName.positionEnd, () => true, "positions");
  api.reqPositions();
  await positionsDone;
  positions.stop();
  const stock = positions.seen.find(([, c]) => c.secType === "STK");
  const put = positions.seen.find(([, c]) => c.secType === "OPT");
  check(stock && stock[2] === 100 && stock[1].symbol === "AAPL", "stock position");
  check(put && put[2] === -1 && put[1].right === "P", "short put position");
  results.positions = positions.seen.length;

  // Contract details of the stock and of the put.
  const details = collect(api, EventName.contractDetails);
  let detailsDone = waitFor(api, EventName.contractDetailsEnd, (r) => r === 2, "contractDetails");
  api.reqContractDetails(2, { symbol: "AAPL", secType: SecType.STK, exchange: "SMART", currency: "USD" });
  await detailsDone;
  detailsDone = waitFor(api, EventName.contractDetailsEnd, (r) => r === 3, "contractDetails OPT");
  api.reqContractDetails(3, { conId: put[1].conId, exchange: "SMART" });
  await detailsDone;
  details.stop();
  check(details.seen.length === 2, "contract details " + details.seen.length);
  check(details.seen[0][1].contract.conId === stock[1].conId, "stock con id");
  check(details.seen[1][1].contract.strike === put[1].strike, "put strike");
  results.contractDetails = details.seen.length;

  // Option chain parameters.
  let chain = null;
  const chainRows = collect(api, EventName.securityDefinitionOptionParameter);
  const chainDone = waitFor(api, EventName.securityDefinitionOptionParameterEnd, (r) => r === 4,
                            "secDefOptParams");
  api.reqSecDefOptParams(4, "AAPL", "", "STK", stock[1].conId);
  await chainDone;
  chainRows.stop();
  check(chainRows.seen.length === 1, "option parameter rows " + chainRows.seen.length);
  chain = chainRows.seen[0];
  check(chain[5].length > 5 && chain[6].length > 10, "expirations and strikes");
  check(chain[6].includes(put[1].strike), "the put's strike is listed");
  results.expirations = chain[5].length;
  results.strikes = chain[6].length;

  // Market data of the put: prices and the model's option computation.
  const prices = collect(api, EventName.tickPrice, (id) => id === 5);
  const greeks = collect(api, EventName.tickOptionComputation, (id) => id === 5);
  const snapDone = waitFor(api, EventName.tickSnapshotEnd, (id) => id === 5, "mktData snapshot");
  api.reqMktData(5, put[1], "", true, false);
  await snapDone;
  prices.stop();
  greeks.stop();
  const bid = prices.seen.find(([, f]) => f === 1);
  const ask = prices.seen.find(([, f]) => f === 2);
  check(bid && ask && bid[2] > 0 && ask[2] >= bid[2], "option bid/ask");
  check(greeks.seen.length === 1, "option computations " + greeks.seen.length);
  const g = greeks.seen[0];
  check(g[1] === 13 && g[3] > 0.05 && g[3] < 2 && g[4] < 0 && g[4] > -1, "model greeks " + g);
  results.optionComputation = { iv: g[3], delta: g[4], price: g[5], gamma: g[7], vega: g[8],
                                theta: g[9], underlying: g[10] };

  // Daily bars (the ATR's input).
  const bars = [];
  const barsDone = waitFor(api, EventName.historicalData, (id, date, open, high, low, close) => {
    if (id !== 6) return false;
    if (String(date).startsWith("finished")) return true;
    bars.push({ date, open, high, low, close });
    return false;
  }, "historicalData");
  api.reqHistoricalData(6, { symbol: "AAPL", secType: SecType.STK, exchange: "SMART", currency: "USD" },
                        "", "30 D", "1 day", "TRADES", 1, 1, false);
  await barsDone;
  check(bars.length >= 15 && bars.length <= 31, "bars " + bars.length);
  check(bars.every((b) => b.low <= b.open && b.open <= b.high && b.low <= b.close && b.close <= b.high),
        "bars are consistent");
  results.bars = bars.length;

  // A marketable limit fills at once: execution and commission.
  const stockQuote = collect(api, EventName.tickPrice, (id) => id === 7);
  const quoteDone = waitFor(api, EventName.tickSnapshotEnd, (id) => id === 7, "stock snapshot");
  api.reqMktData(7, stock[1], "", true, false);
  await quoteDone;
  stockQuote.stop();
  const stockAsk = stockQuote.seen.find(([, f]) => f === 2)[2];
  const stockBid = stockQuote.seen.find(([, f]) => f === 1)[2];
  const buyId = nextId;
  const execs = collect(api, EventName.execDetails, (r) => r === -1);
  const commissions = collect(api, EventName.commissionReport);
  const filled = waitFor(api, EventName.orderStatus, (id, status) => id === buyId && status === "Filled",
                         "fill");
  api.placeOrder(buyId, { symbol: "AAPL", secType: SecType.STK, exchange: "SMART", currency: "USD" },
                 { action: OrderAction.BUY, orderType: OrderType.LMT, totalQuantity: 10,
                   lmtPrice: Math.round((stockAsk + 1) * 100) / 100, tif: "DAY", transmit: true,
                   orderRef: "stoqey-buy-1", account: "DU1234567" });
  await filled;
  await new Promise((r) => setTimeout(r, 300));
  execs.stop();
  check(execs.seen.length >= 1, "execution of the fill");
  const exec = execs.seen[0][2];
  check(exec.side === "BOT" && exec.orderId === buyId && exec.orderRef === "stoqey-buy-1", "execution fields");
  check(commissions.seen.some(([c]) => c.execId === exec.execId && c.commission === 1),
        "commission of 10 shares is the $1 minimum");
  results.fill = { execId: exec.execId, price: exec.price, shares: exec.shares };

  // A limit far below the market rests; cancel it.
  const restId = buyId + 1;
  const submitted = waitFor(api, EventName.orderStatus, (id, status) => id === restId && status === "Submitted",
                            "resting order");
  api.placeOrder(restId, { symbol: "AAPL", secType: SecType.STK, exchange: "SMART", currency: "USD" },
                 { action: OrderAction.BUY, orderType: OrderType.LMT, totalQuantity: 5,
                   lmtPrice: Math.round((stockBid * 0.8) * 100) / 100, tif: "DAY", transmit: true,
                   orderRef: "stoqey-rest-1" });
  await submitted;
  const cancelled = waitFor(api, EventName.orderStatus, (id, status) => id === restId && status === "Cancelled",
                            "cancel");
  api.cancelOrder(restId);
  await cancelled;
  results.cancelled = restId;

  // Executions: the fill, with its commission report.
  const listed = collect(api, EventName.execDetails, (r) => r === 8);
  const listedCommission = collect(api, EventName.commissionReport);
  const execDone = waitFor(api, EventName.execDetailsEnd, (r) => r === 8, "executions");
  api.reqExecutions(8, {});
  await execDone;
  await new Promise((r) => setTimeout(r, 200));
  listed.stop();
  listedCommission.stop();
  check(listed.seen.length === execs.seen.length, "executions listed " + listed.seen.length);
  check(listedCommission.seen.length >= listed.seen.length, "commission reports with executions");
  results.executions = listed.seen.length;

  api.disconnect();
  check(decodeErrors.length === 0, "decode errors: " + JSON.stringify(decodeErrors));
  const unexpected = serverErrors.filter((e) => e.code !== 202);
  check(unexpected.length === 0, "server errors: " + JSON.stringify(unexpected));
  results.decodeErrors = decodeErrors.length;
  console.log(JSON.stringify(results));
  sim.kill("SIGKILL");
  process.exit(0);
}

main().catch((e) => fail(e.message));
