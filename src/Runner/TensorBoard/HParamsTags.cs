namespace Runner.TensorBoard;

/// <summary>The plugin name and summary tags TensorBoard's hparams plugin looks for (its metadata.py).</summary>
public static class HParamsTags
{
    public const string PluginName = "hparams";
    public const string Experiment = "_hparams_/experiment";
    public const string SessionStart = "_hparams_/session_start_info";
    public const string SessionEnd = "_hparams_/session_end_info";
}
