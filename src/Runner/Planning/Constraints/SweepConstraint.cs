using System.Globalization;
using Runner.Config.Yaml;
using Runner.Results;
using Runner.Text;

namespace Runner.Planning.Constraints;

/// <summary>
/// One entry of `sweep: {constraints: ["parameters <= 50000", "train_seconds <= 60"]}`: a run fact or a
/// recorded metric, `&lt;=` or `&gt;=`, and a number. A run violates it by how far its value lies beyond the
/// bound (Optuna's constraints_func: a value above 0 is infeasible, and infeasible runs are ranked by it).
/// </summary>
/// <param name="Node">Where it was written; null when read back from sweep.json.</param>
public sealed record SweepConstraint(string Name, bool AtMost, double Bound, ScalarNode? Node = null)
{
    public const string AtMostOperator = "<=", AtLeastOperator = ">=";

    /// <summary>The names known before training, from the model worked out on paper: a constraint on one removes
    /// infeasible points from the plan, so they are never trained. Every other name is known once a run has ended.</summary>
    public static IReadOnlyList<string> KnownBeforeTraining => PlannedFacts.Names;

    public bool KnownBefore => KnownBeforeTraining.Contains(Name);

    /// <summary>How far <paramref name="value"/> is beyond the bound; 0 when it is within.</summary>
    public double Violation(double value) => AtMost ? Math.Max(0, value - Bound) : Math.Max(0, Bound - value);

    /// <summary>As written in canonical form, e.g. `parameters &lt;= 50000` (sweep.json and messages use this).</summary>
    public string Text => $"{Name} {(AtMost ? AtMostOperator : AtLeastOperator)} {Numbers.Written(Bound)}";

    public override string ToString() => Text;

    /// <summary>The constraint a text states, or the column (0-based) of the first thing wrong and what is wrong there.</summary>
    public static (SweepConstraint? Constraint, int Column, string Problem) Parse(string text)
    {
        int i = 0;
        void Spaces() { while (i < text.Length && text[i] == ' ') i++; }
        Spaces();
        int nameStart = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        if (i == nameStart || char.IsAsciiDigit(text[nameStart]))
            return (null, nameStart, "expected a name first; write a recorded metric (val_accuracy) or parameters, memory_mb, seconds, train_seconds, e.g. \"parameters <= 50000\"");
        string name = text[nameStart..i];
        Spaces();
        int opStart = i;
        while (i < text.Length && text[i] is '<' or '>' or '=' or '!') i++;
        string op = text[opStart..i];
        if (op is not (AtMostOperator or AtLeastOperator))
            return (null, opStart, op.Length == 0
                ? $"expected <= or >= after '{name}'; write e.g. \"{name} <= 100\""
                : $"'{op}' is not a comparison a constraint can use; write <= or >= (a bound is inclusive), e.g. \"{name} {(op.StartsWith('>') ? AtLeastOperator : AtMostOperator)} {text[i..].Trim()}\"");
        Spaces();
        int numberStart = i;
        while (i < text.Length && text[i] != ' ') i++;
        string number = text[numberStart..i];
        if (number.Length == 0) return (null, numberStart, $"expected a number after '{op}'; write e.g. \"{name} {op} 100\"");
        if (!double.TryParse(number.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double bound) || !double.IsFinite(bound))
            return (null, numberStart, $"'{number}' is not a number; write a bound such as 50000 or 0.85");
        Spaces();
        if (i < text.Length) return (null, i, $"unexpected '{text[i..]}' after the bound; write one constraint per text, e.g. [\"parameters <= 50000\", \"seconds <= 60\"]");
        return (new SweepConstraint(name, op == AtMostOperator, bound), 0, "");
    }
}
