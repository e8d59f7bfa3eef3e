// Turnpike's Node.js runtime for Lambda functions (nodejs18.x-nodejs22.x), in Node's standard library
// only. It loads the handler named by _HANDLER the way AWS's Node runtime resolves it (CommonJS or
// ES module, nested export paths), patches console to AWS's tab-separated lines, and loops: fetch
// the next event, call handler(event, context, callback), post the result or the error object.
// AWS: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
//      https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
//      https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const require = createRequire(import.meta.url);

// host:port, optionally followed by a path prefix (Turnpike gives each instance its own).
const [hostPort, ...prefix] = process.env.AWS_LAMBDA_RUNTIME_API.split('/');
const [hostname, port] = hostPort.split(':');
const BASE = (prefix.length ? '/' + prefix.join('/') : '') + '/2018-06-01/runtime';
// One keep-alive connection for the instance's life. An idle pooled socket is unref'd by the
// agent, so it does not keep the event loop alive: 'beforeExit' still marks an empty loop.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname, port, method, path: BASE + urlPath, agent, headers: headers || {} },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () =>
          resolve({ headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function post(urlPath, object, errorType) {
  const body = Buffer.from(JSON.stringify(object === undefined ? null : object), 'utf8');
  const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length };
  if (errorType) {
    headers['Lambda-Runtime-Function-Error-Type'] = errorType;
  }
  return call('POST', urlPath, body, headers);
}

// ---- errors, in the shapes AWS's Node runtime reports ----

class RuntimeError extends Error {
  constructor(kind, message, stack) {
    super(message);
    this.name = 'Runtime.' + kind;
    if (stack) {
      this.stack = stack;
    }
  }
}

const isError = (e) =>
  util.types.isNativeError(e) ||
  (e && typeof e.name === 'string' && typeof e.message === 'string' && typeof e.stack === 'string');

// The body posted to /invocation/{id}/error and /init/error: errorType, errorMessage, trace.
function errorResponse(e) {
  if (isError(e)) {
    return { errorType: e.name, errorMessage: e.message, trace: e.stack.split('\n') };
  }
  return { errorType: typeof e, errorMessage: String(e), trace: [] };
}

// The logged form: the error's own enumerable fields too, and its stack as lines.
function errorLogged(e) {
  const error = isError(e) ? e : new Error(e);
  try {
    return (
      '\t' +
      JSON.stringify(error, (_key, value) => {
        if (!(value instanceof Error)) {
          return value;
        }
        const out = Object.assign(
          { errorType: value.name, errorMessage: value.message, code: value.code },
          value,
        );
        if (typeof value.stack === 'string') {
          out.stack = value.stack.split('\n');
        }
        return out;
      })
    );
  } catch (_) {
    return '\t' + JSON.stringify(errorResponse(error));
  }
}

// ---- console: "{ISO time}\t{request id}\t{LEVEL}\t{message}", newlines as \r, one line each ----

let currentRequestId; // undefined during init, as AWS prints it
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const minimum = Math.max(0, LEVELS.indexOf((process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()));

function logLine(level, args) {
  const text = util.format(...args);
  const line = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${text}`;
  // stdout is a file: the write is synchronous, so the line is there before the answer is posted.
  process.stdout.write(line.replace(/\n/g, '\r') + '\n');
}

for (const [method, level] of [
  ['trace', 'TRACE'],
  ['debug', 'DEBUG'],
  ['info', 'INFO'],
  ['log', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['fatal', 'FATAL'],
]) {
  console[method] =
    level === 'FATAL' || LEVELS.indexOf(level) >= minimum
      ? (...args) => logLine(level, args)
      : () => {};
}

const logError = (what, e) => console.error(what, errorLogged(e));

// ---- loading the handler ----

// The global AWS's Node runtimes define: awslambda.streamifyResponse marks a handler that writes
// its answer to a stream. Turnpike serves Invoke (not InvokeWithResponseStream), so the stream is
// buffered and posted whole when the handler is done, as Lambda buffers it for Invoke.
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
if (!['1', 'true'].includes(process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA)) {
  globalThis.awslambda = {
    streamifyResponse: (handler) => {
      handler[STREAMING] = 'response';
      return handler;
    },
  };
}

function typeModule(folder) {
  // The nearest package.json decides whether .js is an ES module; node_modules stops the search.
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (dir.endsWith('/node_modules')) {
      return false;
    }
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        return JSON.parse(fs.readFileSync(pj, 'utf8')).type === 'module';
      } catch (e) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    if (dir === path.dirname(dir)) {
      return false;
    }
  }
}

async function loadModule(taskRoot, moduleRoot, name) {
  const base = path.resolve(taskRoot, moduleRoot, name);
  const esm = typeModule(path.dirname(base));
  const tries = [
    ['', 'require'],
    ...(esm ? [['.js', 'import']] : [['.js', 'require']]),
    ['.mjs', 'import'],
    ['.cjs', 'require'],
  ];
  for (const [extension, how] of tries) {
    const file = base + extension;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) {
      return how === 'require' ? require(file) : await import(pathToFileURL(file).href);
    }
  }
  // As Node would resolve it: a package in node_modules, or a directory with an index.
  return require(require.resolve(name, { paths: [taskRoot, moduleRoot] }));
}

async function loadHandler() {
  const full = process.env._HANDLER || '';
  if (full.includes('..')) {
    throw new RuntimeError(
      'MalformedHandlerName',
      `'${full}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(full);
  const moduleRoot = full.substring(0, full.indexOf(base));
  const match = base.match(/^([^.]*)\.(.*)$/);
  if (!match) {
    throw new RuntimeError('MalformedHandlerName', 'Bad handler');
  }
  const [, name, handlerPath] = match;
  let app;
  try {
    app = await loadModule(process.env.LAMBDA_TASK_ROOT, moduleRoot, name);
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new RuntimeError('UserCodeSyntaxError', String(e), e.stack);
    }
    if (e && e.code === 'MODULE_NOT_FOUND') {
      throw new RuntimeError('ImportModuleError', String(e));
    }
    throw e;
  }
  const handler = handlerPath.split('.').reduce((o, key) => o && o[key], app);
  if (!handler) {
    throw new RuntimeError('HandlerNotFound', `${full} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('HandlerNotFound', `${full} is not a function`);
  }
  return handler;
}

// ---- one invocation ----

// What runs when the event loop has nothing left to do ('beforeExit'): a callback's result
// waiting for an empty loop, or the answer for a handler that never answered.
let onEmptyLoop = null;
process.on('beforeExit', () => {
  const run = onEmptyLoop;
  onEmptyLoop = null;
  if (run) {
    run();
  }
});

// The current invocation's answer to a fatal error, or null during init.
let onFatal = null;
async function fatal(e, what, exitCode) {
  logError(what, e);
  try {
    if (onFatal) {
      await onFatal(e);
    } else {
      await post('/init/error', errorResponse(e), errorResponse(e).errorType);
    }
  } finally {
    process.exit(exitCode);
  }
}
process.on('uncaughtException', (e) => fatal(e, 'Uncaught Exception', 129));
process.on('unhandledRejection', (reason) => {
  const e = new RuntimeError('UnhandledPromiseRejection', String(reason));
  e.reason = reason;
  fatal(e, 'Unhandled Promise Rejection', 128);
});

function parseHeader(value, name) {
  if (value === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch (e) {
    throw new Error(`Cannot parse ${name} as json: ${e.toString()}`);
  }
}

// Resolves with {error} or {result} once the invocation is decided, as AWS's runtime decides it.
function invoke(handler, event, headers) {
  return new Promise((settle) => {
    let done = false;
    const finish = (outcome) => {
      if (!done) {
        done = true;
        onEmptyLoop = null;
        settle(outcome);
      }
    };
    let waitForEmptyLoop = true;
    const callback = (err, result) => {
      if (err !== undefined && err !== null) {
        finish({ error: err });
      } else if (waitForEmptyLoop) {
        onEmptyLoop = () => setImmediate(() => finish({ result }));
      } else {
        finish({ result });
      }
    };
    const deadline = Number(headers['lambda-runtime-deadline-ms']);
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitForEmptyLoop = value;
      },
      succeed: (result) => finish({ result }),
      fail: (err) => finish({ error: err === undefined || err === null ? 'handled' : err }),
      done: (err, result) =>
        finish(err !== undefined && err !== null ? { error: err } : { result }),
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      clientContext: parseHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
      identity: parseHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
      invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
      awsRequestId: headers['lambda-runtime-aws-request-id'],
      getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    // Neither callback nor promise by the time the loop is empty: a sync handler answers null,
    // an async one never settled its promise.
    const isAsync = handler.constructor && handler.constructor.name === 'AsyncFunction';
    onEmptyLoop = () =>
      finish(
        isAsync
          ? {
              error: new RuntimeError(
                'NodeJsExit',
                'The Lambda runtime client detected an unexpected Node.js exit code. ' +
                  'This is most commonly caused by a Promise that was never settled.',
              ),
            }
          : { result: null },
      );
    if (handler[STREAMING] === 'response') {
      streamed(handler, event, context).then(finish, (e) => finish({ error: e }));
      return;
    }
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then(context.succeed, context.fail);
      }
    } catch (e) {
      callback(e);
    }
  });
}

// A streaming handler: (event, responseStream, context), async; its bytes are the answer.
async function streamed(handler, event, context) {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, next) {
      chunks.push(Buffer.from(chunk));
      next();
    },
  });
  stream.setContentType = () => {};
  const returned = handler(event, stream, context);
  if (!returned || typeof returned.then !== 'function') {
    return { error: new Error('Streaming does not support non-async handlers.') };
  }
  await returned;
  if (stream.writableEnded && !stream.writableFinished) {
    await new Promise((resolve) => stream.once('finish', resolve)); // end() finishes a tick later
  }
  if (!stream.writableFinished) {
    return { error: new Error('Response stream is not finished.') };
  }
  return { raw: Buffer.concat(chunks) };
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (e) {
    await fatal(e, 'Uncaught Exception', 129);
    return;
  }
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const headers = next.headers;
    const id = headers['lambda-runtime-aws-request-id'];
    currentRequestId = id;
    if (headers['lambda-runtime-trace-id']) {
      process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    } else {
      delete process.env._X_AMZN_TRACE_ID;
    }
    const errorPath = `/invocation/${encodeURIComponent(id)}/error`;
    onFatal = (e) => post(errorPath, errorResponse(e), errorResponse(e).errorType);
    let outcome;
    try {
      outcome = await invoke(handler, JSON.parse(next.body), headers);
    } catch (e) {
      outcome = { error: e };
    }
    if ('error' in outcome) {
      logError('Invoke Error', outcome.error);
      await post(errorPath, errorResponse(outcome.error), errorResponse(outcome.error).errorType);
      continue;
    }
    if (outcome.raw) {
      await call('POST', `/invocation/${encodeURIComponent(id)}/response`, outcome.raw, {
        'Content-Length': outcome.raw.length,
      });
      continue;
    }
    let body;
    try {
      body = JSON.stringify(outcome.result === undefined ? null : outcome.result);
    } catch (e) {
      const error = new Error('Unable to stringify response body');
      logError('Invoke Error', error);
      await post(errorPath, errorResponse(error), errorResponse(error).errorType);
      continue;
    }
    const bytes = Buffer.from(body, 'utf8');
    await call('POST', `/invocation/${encodeURIComponent(id)}/response`, bytes, {
      'Content-Type': 'application/json',
      'Content-Length': bytes.length,
    });
  }
}

main();
