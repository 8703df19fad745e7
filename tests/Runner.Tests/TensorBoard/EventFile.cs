using global::Runner.TensorBoard;
using Tensorboard;

namespace Runner.Tests.TensorBoard;

/// <summary>The events of a TensorBoard log folder, read back through the TFRecord framing (CRCs checked).</summary>
internal static class EventFile
{
    public static string Single(string directory) => Assert.Single(Directory.GetFiles(directory, "events.out.tfevents.*"));

    public static IReadOnlyList<Event> Read(string directory) =>
        TfRecordFile.ReadAll(Single(directory)).Select(Event.Parser.ParseFrom).ToArray();

    public static IEnumerable<(long Step, Summary.Types.Value Value)> Values(IEnumerable<Event> events) =>
        events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (e.Step, v)));

    /// <summary>The (step, value) series of one scalar tag.</summary>
    public static IReadOnlyList<(long Step, float Value)> Scalars(IEnumerable<Event> events, string tag) =>
        Values(events).Where(v => v.Value.Tag == tag).Select(v => (v.Step, v.Value.SimpleValue)).ToArray();
}
