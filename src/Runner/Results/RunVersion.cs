namespace Runner.Results;

/// <summary>
/// The `version` column of runs.csv: whether a row belongs to the plan the folder last ran, or to an
/// earlier version of the experiment (a config that has since changed). Reports use only current rows.
/// </summary>
public static class RunVersion
{
    public const string Current = "current";
    public const string Earlier = "earlier";
}
