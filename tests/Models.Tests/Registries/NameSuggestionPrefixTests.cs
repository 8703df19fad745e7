using Runner.Models.Registries;

namespace Runner.Models.Tests.Registries;

public sealed class NameSuggestionPrefixTests
{
    [Theory]
    [InlineData("acc", "accuracy")]
    [InlineData("rleu", "relu")]
    [InlineData("sparse", "sparse_categorical_crossentropy")]
    public void Suggests_the_nearest_name_or_the_only_one_it_abbreviates(string written, string expected) =>
        Assert.Equal(expected, NameSuggestion.Closest(written, ["accuracy", "loss", "relu", "sparse_categorical_crossentropy", "categorical_crossentropy"]));

    [Fact]
    public void An_ambiguous_abbreviation_gets_no_suggestion() =>
        Assert.Null(NameSuggestion.Closest("glorot", ["glorot_normal", "glorot_uniform", "zeros"]));
}
