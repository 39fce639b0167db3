import Foundation

extension StyleModel {
    /// Sets the head's biases so that a fresh head starts by predicting `labels`' mean (tanh of
    /// the bias is the output when the head's small weights contribute little): training then
    /// starts from the mean baseline instead of from zero. For heads that know nothing yet
    /// (from scratch, or a Hugging Face checkpoint's new head).
    public func startHeadAtMean(of labels: [ScaledLabel]) {
        let mean = SettingStatistics(labels: labels).mean
        let network = self.network.network
        let bias = network.parameters.at(network.slots.headBias)
        for (index, value) in mean.prefix(network.slots.headBias.count).enumerated() {
            bias[index] = Float(atanh(min(max(value, -0.95), 0.95)))
        }
    }

    /// The rule `finetune` and `evaluate`'s folds share: a head that knows nothing yet (a model
    /// from scratch, or a Hugging Face checkpoint's new head, which its `base` provenance marks)
    /// starts at the labels' mean; a trained AutoTone head keeps what it learnt.
    public func startHeadAtMeanIfNew(of labels: [ScaledLabel], fromScratch: Bool) {
        if fromScratch || network.provenance["base"] != nil { startHeadAtMean(of: labels) }
    }
}
