/// A `host:port` the admin server listens on, e.g. `127.0.0.1:9464`, `0.0.0.0:9464`, `[::1]:9464`.
/// Port `0` asks the system for a free port (see ``AdminServer/boundPort``).
public struct AdminAddress: Sendable, Equatable, CustomStringConvertible {
    /// Host name or IP address to bind. Default `127.0.0.1` (loopback only).
    public var host: String
    /// TCP port, `0...65535`. Default `9464` (the port Prometheus exporters conventionally use for this).
    public var port: Int

    /// The default: `127.0.0.1:9464`.
    public static let `default` = AdminAddress(host: "127.0.0.1", port: 9464)

    /// Creates an address.
    public init(host: String = "127.0.0.1", port: Int = 9464) {
        self.host = host
        self.port = port
    }

    /// Why a `host:port` text is not an address.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The text that failed to parse.
        public var text: String
        /// What is wrong with it and how to write it.
        public var reason: String
        /// `'<text>' is not a host:port address: <reason>`.
        public var description: String { "'\(text)' is not a host:port address: \(reason)" }
    }

    /// Parses `host:port` (IPv6 hosts in brackets: `[::1]:9464`).
    /// - Throws: ``ParseError`` naming what is wrong.
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let host: Substring
        let portText: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]"), trimmed[trimmed.index(after: close)...].hasPrefix(":") else {
                throw ParseError(text: text, reason: "an IPv6 host must be written [addr]:port, e.g. [::1]:9464")
            }
            host = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            portText = trimmed[trimmed.index(close, offsetBy: 2)...]
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else {
                throw ParseError(text: text, reason: "the port is missing; write host:port, e.g. 127.0.0.1:9464")
            }
            host = trimmed[..<colon]
            portText = trimmed[trimmed.index(after: colon)...]
            if host.contains(":") {
                throw ParseError(text: text, reason: "put an IPv6 host in brackets, e.g. [::1]:9464")
            }
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else {
            throw ParseError(text: text, reason: "the host is empty or has spaces; use e.g. 127.0.0.1 or 0.0.0.0")
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ParseError(text: text, reason: "the port '\(portText)' must be a number from 0 to 65535")
        }
        self.init(host: String(host), port: port)
    }

    /// Whether the host is a loopback address (`127.0.0.0/8`, `::1`, `localhost`): only this
    /// machine can connect.
    public var isLoopback: Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" || lowered.hasPrefix("127.")
    }

    /// `host:port`, with an IPv6 host in brackets.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

import Foundation
