using System.Runtime.InteropServices;
using Runner.Training;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

/// <summary>libtorch's errors, raised for real, and what Runner tells the user about them.</summary>
public class NativeErrorTests
{
    static ExternalException Raise(Action call) => Assert.ThrowsAny<ExternalException>(call);

    [Fact]
    public void A_label_past_the_last_layers_units_is_explained_as_a_data_problem()
    {
        using var logits = zeros(2, 10);
        using var labels = tensor(new long[] { 3, 12 });
        var e = Raise(() => nn.functional.nll_loss(logits, labels).Dispose());
        Assert.True(NativeError.IsAboutData(e));
        var text = NativeError.Describe(e);
        Assert.Contains("Check the data against the model", text);
        Assert.DoesNotContain("Exception raised from", text);
    }

    [Theory]
    [InlineData("mat1 and mat2 shapes cannot be multiplied (32x785 and 784x100)")]
    [InlineData("shape '[32, 784]' is invalid for input of size 24000")]
    [InlineData("Expected input batch_size (32) to match target batch_size (16).")]
    public void A_shape_that_does_not_fit_the_model_is_explained_as_a_data_problem(string message)
    {
        // libtorch's wording; matmul and view throw past TorchSharp's error handler, so they can't be raised here.
        var e = new ExternalException(message + "\nException raised from foo at bar.cpp:1 (most recent call first):");
        Assert.Contains("Check the data against the model", NativeError.Describe(e));
    }

    [Fact]
    public void An_internal_libtorch_check_does_not_blame_the_data()
    {
        // The parallel crash's message: a bare TORCH_CHECK(false) inside libtorch, with c10's plea appended.
        var e = new ExternalException("Expected false to be true, but got false.  (Could this error message be improved?  " +
            "If so, please report an enhancement request to PyTorch.)\nException raised from foo at bar.cpp:1 (most recent call first):\nframe #0: ...");
        var text = NativeError.Describe(e);
        Assert.False(NativeError.IsAboutData(e));
        Assert.Equal("libtorch internal error: Expected false to be true, but got false. This is not a problem with the data or the experiment; " +
            "run the command again (finished runs are kept), and rerun with --verbose for the native stack if it repeats", text);
    }

    [Fact]
    public void A_real_non_data_error_from_libtorch_is_not_a_data_problem()
    {
        using var singular = zeros(2, 2);
        var e = Raise(() => linalg.inv(singular).Dispose());
        Assert.False(NativeError.IsAboutData(e));
        Assert.StartsWith("libtorch internal error: linalg.inv", NativeError.Describe(e));
    }
}
