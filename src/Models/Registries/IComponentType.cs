namespace Runner.Models.Registries;

/// <summary>Anything a registry holds: a name, a one-line description and its declared parameters.</summary>
public interface IComponentType
{
    string Name { get; }
    string Description { get; }
    IReadOnlyList<ParameterInfo> Parameters { get; }
}
