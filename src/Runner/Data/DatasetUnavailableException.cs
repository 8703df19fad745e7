namespace Runner.Data;

/// <summary>
/// No source could provide a dataset. The message lists every source tried with what went wrong,
/// and says where to place the files by hand; it is meant to be shown as is, without a stack trace.
/// </summary>
public sealed class DatasetUnavailableException(string message) : Exception(message);
