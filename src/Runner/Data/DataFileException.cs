namespace Runner.Data;

/// <summary>
/// A data file whose content is wrong: a bad idx header, a truncated file, a CSV row that is not
/// numbers. The message names the file (and the line, for text files) and is meant for users.
/// </summary>
public sealed class DataFileException(string message) : Exception(message);
