using Runner.Sweeps.Adaptive;

namespace Runner.Tests.Sweeps.Adaptive;

public sealed class DecisionJournalTests
{
    static IReadOnlyList<Decision> Answer(string subject, double p) => [new Decision(Decision.Eliminate, subject, "worse", 0.5, p)];

    [Fact]
    public void A_reopened_journal_replays_every_answer_without_deciding_again()
    {
        using var dir = new TempFolder();
        var first = DecisionJournal.Open(dir.Path);
        var r1 = first.Decide("round 1", () => Answer("adam", 0.01));
        var r2 = first.Decide("round 2", () => Answer("sgd", 0.02));

        var again = DecisionJournal.Open(dir.Path);
        int asked = 0;
        var replayed1 = again.Decide("round 1", () => { asked++; return Answer("other", 0.9); });
        var replayed2 = again.Decide("round 2", () => { asked++; return Answer("other", 0.9); });
        var fresh = again.Decide("round 3", () => { asked++; return Answer("rmsprop", 0.03); });

        Assert.Equal(1, asked);
        Assert.Equal(r1, replayed1);
        Assert.Equal(r2, replayed2);
        Assert.Equal("rmsprop", fresh[0].Subject);
        Assert.Equal(["round 1", "round 2", "round 3"], DecisionJournal.Read(dir.Path).Select(e => e.Question));
        Assert.Equal([1, 2, 3], DecisionJournal.Read(dir.Path).Select(e => e.Sequence));
    }

    [Fact]
    public void The_same_question_asked_twice_gets_the_first_answer()
    {
        using var dir = new TempFolder();
        var journal = DecisionJournal.Open(dir.Path);
        journal.Decide("q", () => Answer("a", 0.1));
        Assert.Equal("a", journal.Decide("q", () => Answer("b", 0.2))[0].Subject);
        Assert.Single(DecisionJournal.Read(dir.Path));
    }

    [Fact]
    public void A_line_cut_short_by_a_kill_never_took_effect_and_is_dropped()
    {
        using var dir = new TempFolder();
        DecisionJournal.Open(dir.Path).Decide("round 1", () => Answer("adam", 0.01));
        var path = Path.Combine(dir.Path, DecisionJournal.FileName);
        File.AppendAllText(path, "{\"sequence\":2,\"question\":\"round 2\",\"deci");

        var journal = DecisionJournal.Open(dir.Path);
        Assert.Null(journal.Answered("round 2"));
        Assert.Equal("sgd", journal.Decide("round 2", () => Answer("sgd", 0.02))[0].Subject);
        Assert.Equal(2, File.ReadAllLines(path).Length);
        Assert.Equal("sgd", DecisionJournal.Read(dir.Path)[1].Decisions[0].Subject);
    }

    [Fact]
    public void A_damaged_line_in_the_middle_is_an_error_naming_the_line()
    {
        using var dir = new TempFolder();
        var journal = DecisionJournal.Open(dir.Path);
        journal.Decide("a", () => Answer("x", 0.1));
        journal.Decide("b", () => Answer("y", 0.1));
        var path = Path.Combine(dir.Path, DecisionJournal.FileName);
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[0], "garbage", lines[1]]);

        var error = Assert.Throws<DecisionJournalException>(() => DecisionJournal.Open(dir.Path));
        Assert.Contains(":2:", error.Message);
    }

    // Two journals open on one folder stand for two processes (shards, Slurm workers): flock is per open file.
    [Fact]
    public void A_question_another_process_answered_meanwhile_gets_its_answer_not_a_new_one()
    {
        using var dir = new TempFolder();
        var a = DecisionJournal.Open(dir.Path);
        var b = DecisionJournal.Open(dir.Path);
        a.Decide("propose trial 1", () => Answer("from-a", 0.1), out bool madeByA);
        int asked = 0;
        var seenByB = b.Decide("propose trial 1", () => { asked++; return Answer("from-b", 0.2); }, out bool madeByB);
        b.Decide("propose trial 2", () => Answer("from-b", 0.3));
        var seenByA = a.Decide("propose trial 2", () => { asked++; return Answer("from-a", 0.4); });

        Assert.True(madeByA);
        Assert.False(madeByB);
        Assert.Equal(0, asked);
        Assert.Equal("from-a", seenByB[0].Subject);
        Assert.Equal("from-b", seenByA[0].Subject);
        Assert.Equal([1, 2], DecisionJournal.Read(dir.Path).Select(e => e.Sequence));
    }

    [Fact]
    public void Concurrent_deciders_answer_every_question_once()
    {
        using var dir = new TempFolder();
        var journals = Enumerable.Range(0, 4).Select(_ => DecisionJournal.Open(dir.Path)).ToList();
        int made = 0;
        Parallel.ForEach(journals, journal =>
        {
            for (int q = 1; q <= 25; q++)
            {
                journal.Decide($"q{q}", () => Answer($"{journal.GetHashCode()}", q), out bool mine);
                if (mine) Interlocked.Increment(ref made);
            }
        });
        var entries = DecisionJournal.Read(dir.Path);
        Assert.Equal(25, made);
        Assert.Equal(Enumerable.Range(1, 25).Select(q => $"q{q}").ToHashSet(), entries.Select(e => e.Question).ToHashSet());
        Assert.Equal(25, entries.Count);
        Assert.Equal(Enumerable.Range(1, 25), entries.Select(e => e.Sequence));
    }

    [Fact]
    public void A_line_a_killed_process_cut_short_is_cut_off_before_the_next_answer_is_appended()
    {
        using var dir = new TempFolder();
        var live = DecisionJournal.Open(dir.Path);
        live.Decide("q1", () => Answer("a", 0.1));
        File.AppendAllText(Path.Combine(dir.Path, DecisionJournal.FileName), "{\"sequence\":2,\"question\":\"q2\",\"at\""); // killed mid-write
        live.Decide("q3", () => Answer("c", 0.3));
        Assert.Equal(["q1", "q3"], DecisionJournal.Read(dir.Path).Select(e => e.Question));
    }

    [Fact]
    public void A_cut_line_after_a_byte_order_mark_and_multibyte_text_is_cut_off_exactly()
    {
        using var dir = new TempFolder();
        var journal = DecisionJournal.Open(dir.Path);
        journal.Decide("q1", () => [new Decision(Decision.Eliminate, "lr=0.1", "schlechter: p ≤ 0.05 (Holm)")]);
        var path = Path.Combine(dir.Path, DecisionJournal.FileName);
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. whole, .. "{\"sequence\":2,\"qu"u8.ToArray()]);

        var reopened = DecisionJournal.Open(dir.Path);
        reopened.Decide("q2", () => Answer("b", 0.2));

        Assert.Equal([0xEF, 0xBB, 0xBF, .. whole], File.ReadAllBytes(path).Take(whole.Length + 3));
        Assert.Equal(["q1", "q2"], DecisionJournal.Read(dir.Path).Select(e => e.Question));
        Assert.Equal("schlechter: p ≤ 0.05 (Holm)", DecisionJournal.Read(dir.Path)[0].Decisions[0].Reason);
    }

    [Theory]
    [InlineData("garbage\n", 2)]
    [InlineData("{\"sequence\":2,\"question\":\"q2\",\"at\":\"2026-11-30T00:00:00Z\",\"decisions\":null}\n", 2)]
    [InlineData("{\"sequence\":2,\"question\":\"q2\",\"at\":\"2026-11-30T00:00:00Z\",\"decisions\":[{\"kind\":null,\"subject\":\"x\",\"reason\":\"y\"}]}\n", 2)]
    [InlineData("\n{\"question\":\"\"}\n", 3)]
    public void A_line_Runner_did_not_write_is_refused_with_the_file_and_line(string planted, int line)
    {
        using var dir = new TempFolder();
        DecisionJournal.Open(dir.Path).Decide("q1", () => Answer("a", 0.1));
        File.AppendAllText(Path.Combine(dir.Path, DecisionJournal.FileName), planted);

        var read = Assert.Throws<DecisionJournalException>(() => DecisionJournal.Read(dir.Path));
        Assert.StartsWith($"{Path.Combine(dir.Path, DecisionJournal.FileName)}:{line}: not a decision as Runner writes them", read.Message);
        Assert.Contains("--fresh", read.Message);
        Assert.Throws<DecisionJournalException>(() => DecisionJournal.Open(dir.Path));
    }
}
