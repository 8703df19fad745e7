namespace Runner.Prediction;

/// <summary>
/// Something the user gave cannot be used for prediction or export: a folder without a trained model,
/// an input file that is not an image, a layer with no ONNX form. The message names the file or run
/// and says what would work; the CLI prints it without a stack trace and exits 2.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
