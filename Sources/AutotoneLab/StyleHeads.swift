import Develop
import Foundation
import ImageIO
import Training
import ViT
import XMP

/// Pretraining on several styles at once: one block of the eight settings per style in one
/// head, the main style's block first under the standard names (what ships), each other style's
/// block named `Exposure2012@STYLE` and so on. Every sample is labelled in the main style and in
/// one other style drawn for it; the other blocks are absent from its label, so the masked loss
/// ignores them. The body then learns what any of these photographers' choices depend on.
struct StyleHeads: Sendable {
    /// The main style's solver first, then one per other style.
    let solvers: [AutoAdjustSolver]

    init(main: Style, others: [Style]) {
        solvers = ([main] + others).map { AutoAdjustSolver(style: $0) }
    }

    var styleCount: Int { solvers.count }
    static let block = SettingDescriptor.standard

    /// The head's settings: the standard eight, then each other style's eight, renamed.
    var descriptors: [SettingDescriptor] {
        Self.block + solvers.dropFirst().flatMap { solver in
            Self.block.map { setting in
                var renamed = setting
                renamed.name = "\(setting.name)@\(solver.style.name)"
                return renamed
            }
        }
    }

    /// The label of `raw`: the main style's settings and, when there are other styles, those
    /// of style `other` (1…), every other block absent. `space` is `descriptors`' label space.
    func label(_ raw: LinearImage, other: Int?, space: LabelSpace) -> ScaledLabel {
        var values = [Float?](repeating: nil, count: space.count)
        for style in [0] + (other.map { [$0] } ?? []) {
            let solved = solvers[style].solve(raw).xmpValues
            for (offset, setting) in Self.block.enumerated() {
                values[style * Self.block.count + offset] = solved[setting.name].map(Float.init)
            }
        }
        return ScaledLabel(sliderValues: values, space: space)
    }

    /// `label` with only the main style's block: validation measures the style that ships.
    static func mainOnly(_ label: ScaledLabel) -> ScaledLabel {
        var kept = label
        for index in block.count..<label.count { kept.isPresent[index] = false }
        return kept
    }

    /// A model with only the main style's block of `model`'s head: the body and the first
    /// eight rows of the head copied, the other styles' rows left behind.
    static func mainStyleModel(_ model: StyleModel, config: ViTConfig, name: String) throws -> StyleModel {
        let single = try StyleModel.initial(config: config, recipe: model.recipe, name: name, seed: 0)
        let from = model.network.network, to = single.network.network
        let source = from.slots, target = to.slots
        precondition(source.headWeight.offset == target.headWeight.offset, "the bodies have one layout")
        let rows = block.count * (target.headWeight.count / target.headBias.count)
        to.parameters.pointer.update(from: from.parameters.pointer, count: source.headWeight.offset)
        (to.parameters.pointer + target.headWeight.offset).update(from: from.parameters.pointer + source.headWeight.offset,
                                                                  count: rows)
        (to.parameters.pointer + target.headBias.offset).update(from: from.parameters.pointer + source.headBias.offset,
                                                                count: block.count)
        for (key, value) in model.network.provenance where key != StyleModel.ProvenanceKey.settings { single.network.provenance[key] = value }
        return single
    }
}
