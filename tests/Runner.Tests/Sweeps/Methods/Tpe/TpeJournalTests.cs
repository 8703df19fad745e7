using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

public sealed class TpeJournalTests
{
    static readonly Dictionary<string, string> Values = new() { ["lr"] = "0.01" };

    static IReadOnlyList<Decision> Answer(string? sampler, string reason = "TPE from 2 trials") =>
        [new Decision(Decision.Propose, "trial=3,lr=0.01-0a1b2c3d", reason, Parameters: Values, Sampler: sampler)];

    [Theory]
    [InlineData("random", "random")]
    [InlineData("sobol", "sobol")]
    [InlineData("tpe", "tpe")]
    [InlineData(null, "tpe")]   // a journal from before proposals named their sampler
    public void A_proposal_names_the_sampler_that_drew_it(string? written, string read) =>
        Assert.Equal(read, TpeJournal.Read(Answer(written), 3, "decisions.jsonl").Sampler);

    [Theory]
    [InlineData("grid")]
    [InlineData("ev\u001b]0;title\u0007il")]
    [InlineData("")]
    public void A_sampler_Runner_never_writes_is_refused_instead_of_counted_as_random(string planted)
    {
        var error = Assert.Throws<DecisionJournalException>(() => TpeJournal.Read(Answer(planted), 3, "decisions.jsonl"));
        Assert.Contains("the answer to 'propose trial 3' is not one proposal", error.Message, StringComparison.Ordinal);
    }

    // A conditional search's proposal holds every parameter, those of branches not taken empty; status names only the taken ones.
    [Fact]
    public void Status_names_only_the_parameters_a_conditional_proposal_took()
    {
        var values = new Dictionary<string, string> { ["optimizer"] = "adam", ["optimizer.sgd.momentum"] = "", ["optimizer.adam.beta_1"] = "0.8", ["hidden"] = "0", ["hidden.1.units"] = "" };
        var entry = new JournalEntry(1, TpeJournal.Question(1), DateTime.UnixEpoch,
            [TpeJournal.Decision(1, "trial=1,optimizer=adam,optimizer.adam.beta_1=0.8,hidden=0-0a1b2c3d", TpeJournal.Random, "random", values)]);
        Assert.Equal("  search: 1 trials proposed (1 at random, 0 by TPE); last, trial 1: optimizer=adam, optimizer.adam.beta_1=0.8, hidden=0",
            Assert.Single(new TpeMethod().Decisions([entry], "decisions.jsonl")));
    }
}
