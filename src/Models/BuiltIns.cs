using Runner.Models.Registries;

namespace Runner.Models;

/// <summary>The one place where every built-in layer, activation, initializer, optimizer, loss and metric is registered.</summary>
public static class BuiltIns
{
    /// <summary>Shared, read-only after construction.</summary>
    public static ComponentRegistries Registries { get; } = Create();

    public static ComponentRegistries Create()
    {
        var r = new ComponentRegistries();
        // Filled in by the registrations below (one line per component).
        return r;
    }
}
