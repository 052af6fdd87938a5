import {
  createServerPipeTransport, createServerSocketTransport, ErrorCodes, IPCMessageReader, IPCMessageWriter, Message,
  StreamMessageReader, StreamMessageWriter, type DataCallback, type Disposable, type MessageReader, type MessageWriter,
  type RequestMessage,
} from 'vscode-languageserver/node';

export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** stdout carries the protocol: nothing else may write to it. */
  stdio: boolean;
}

/** The transport the command line asks for, as vscode-languageserver reads it (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=name`). */
export function transportFromArgs(argv: string[]): Transport | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[i + 1];
    if (flag === '--stdio') return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
    if (flag === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
    if (flag === '--socket' && Number(value) > 0) {
      const [reader, writer] = createServerSocketTransport(Number(value));
      return { reader, writer, stdio: false };
    }
    if (flag === '--pipe' && value) {
      const [reader, writer] = createServerPipeTransport(value);
      return { reader, writer, stdio: false };
    }
  }
  return undefined;
}

/**
 * A broken byte stream ends the server. vscode-jsonrpc's stream reader reports a bad Content-Length
 * (not a number, a header without one, a body that is not JSON because it was shorter or longer than
 * announced) as an error and carries on reading from the middle of a message, so the server never
 * answers again; a body that never completes only raises a "partial message" event. Resynchronising on
 * the next header would not help: the lost messages may be requests the client still waits for, or
 * incremental edits whose loss leaves the server's copy of a document silently wrong. Exiting with a
 * reason on stderr lets the client restart the server, which replays `initialize` and every open document.
 */
export function exitOnBrokenStream(reader: MessageReader, exit: (message: string) => void): void {
  reader.onError((err) => exit(`the client's message stream is broken (${err.message.split('\n')[0]})`));
  reader.onPartialMessage((info) => exit(`a message stopped arriving before its announced Content-Length (no data for ${info.waitingTime} ms)`));
}

/**
 * The reader as the server sees it until `initialize` arrives: the LSP says requests before it get
 * ServerNotInitialized (-32002) and notifications are dropped, except `exit`. vscode-languageserver
 * dispatches them to the handlers instead, which answer from a server that has no folders yet.
 */
export class InitializeGate implements MessageReader {
  private initialized = false;
  /** `shutdown` came: a closed stream after it is a normal end. */
  shutdown = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
  ) {}

  get onError() {
    return this.inner.onError;
  }

  get onClose() {
    return this.inner.onClose;
  }

  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (Message.isRequest(message) && message.method === 'shutdown') this.shutdown = this.initialized;
      if (this.initialized || Message.isResponse(message)) return callback(message);
      if (Message.isRequest(message)) {
        if (message.method === 'initialize') {
          this.initialized = true;
          return callback(message);
        }
        return void this.refuse(message);
      }
      if (Message.isNotification(message) && message.method === 'exit') return callback(message);
    });
  }

  private async refuse(request: RequestMessage): Promise<void> {
    const error = { code: ErrorCodes.ServerNotInitialized, message: `the server is not initialized: "${request.method}" came before "initialize"` };
    await this.writer.write({ jsonrpc: '2.0', id: request.id, error } as Message).catch(() => undefined);
  }

  dispose(): void {
    this.inner.dispose();
  }
}
