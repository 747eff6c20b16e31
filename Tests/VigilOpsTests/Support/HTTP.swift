import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
import VigilTestSupport
#endif

/// A tiny HTTP GET for the admin endpoint tests.
enum HTTP {
    struct Answer {
        var status: Int
        var body: String
        var contentType: String?
    }

    static func get(_ port: Int, _ path: String) async throws -> Answer {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = response as! HTTPURLResponse
        return Answer(status: http.statusCode, body: String(decoding: data, as: UTF8.self), contentType: http.value(forHTTPHeaderField: "Content-Type"))
    }
}

