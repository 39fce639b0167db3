import Foundation

/// Where one `DecodePipeline` run's threads spent its wall time: working, or waiting on each
/// other. Decoders that wait for room in the queue mean the model is behind; a model that
/// waits for a decoded photo means decoding is behind (on a machine with as many decoders as
/// cores, the expected case: the model should then be busy only a small share of the run).
public struct PipelineTimeline: Sendable, Codable, Equatable {
    /// Wall-clock seconds of the run.
    public var seconds = 0.0
    /// Per decoding thread: seconds preparing items.
    public var workerBusy: [Double] = []
    /// Per decoding thread: seconds waiting for room in the queue.
    public var workerWaiting: [Double] = []
    /// Seconds in the model's stage (the calling thread).
    public var consumerBusy = 0.0
    /// Seconds the calling thread waited for a prepared item.
    public var consumerWaiting = 0.0

    public init() {}

    /// E.g. "pipeline 41.0 s: decoding threads busy 97%, 98% (waited for the model 0%, 0%);
    /// model busy 9%, waited for decodes 90%".
    public var line: String {
        func share(_ value: Double) -> String { "\(Int((100 * value / max(seconds, 1e-9)).rounded()))%" }
        return String(format: "pipeline %.1f s: ", seconds)
            + "decoding threads busy \(workerBusy.map(share).joined(separator: ", "))"
            + " (waited for the model \(workerWaiting.map(share).joined(separator: ", ")));"
            + " model busy \(share(consumerBusy)), waited for decodes \(share(consumerWaiting))"
    }
}

/// Seconds since an arbitrary start, monotonic.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
}
