using Runner.Files;
using Runner.Recording;
using global::Runner.Reporting;
using global::Runner.Reporting.Charts;
using global::Runner.Reporting.Documents;
using global::Runner.Reporting.Results;
using global::Runner.Reporting.Statistics;

namespace Runner.Tests.Recording;

/// <summary>
/// `--fresh` archived a folder another process was still writing a report into, and the old report landed
/// in the new folder. A report holds report/.lock while it is written, and the archive refuses while it is held.
/// </summary>
public sealed class ArchiveWhileReportingTests
{
    [Fact]
    public void Fresh_refuses_to_move_a_folder_whose_report_is_being_written()
    {
        using var temp = new TempFolder();
        var folder = new ExperimentFolder(new ResultsFixture().Write(temp.Path));

        using (FileLock.Acquire(folder.ReportLock))   // another open: what a reporting process holds
        {
            var e = Assert.Throws<FolderInUseException>(() => folder.Archive());
            Assert.Contains("its report (being written: ", e.Message);
            Assert.True(File.Exists(folder.RunsCsv));
        }

        var archived = folder.Archive();
        Assert.NotNull(archived);
        Assert.False(Directory.Exists(folder.Path));
    }

    /// <summary>Checks, from inside the report, that its lock is held.</summary>
    sealed class LockProbe(string lockFile) : IReportPart
    {
        public bool? HeldWhileWriting { get; private set; }
        public IEnumerable<Block> Blocks(ResultsTable table) { HeldWhileWriting = FileLock.IsHeld(lockFile); return []; }
        public IEnumerable<IChart> Charts(SweepAnalysis analysis) => [];
    }

    [Fact]
    public void A_report_holds_its_lock_while_it_writes_and_not_after()
    {
        using var temp = new TempFolder();
        var folder = new ExperimentFolder(new ResultsFixture().Write(temp.Path));
        var probe = new LockProbe(folder.ReportLock);

        ReportWriter.Write(folder.Path, _ => { }, images: null, [probe]);

        Assert.True(probe.HeldWhileWriting);
        Assert.False(FileLock.IsHeld(folder.ReportLock));
    }
}
