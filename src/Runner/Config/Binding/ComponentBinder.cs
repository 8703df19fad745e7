using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Config.Binding;

/// <summary>
/// Binds a registry component written in any of its forms:
/// a name (`relu`), a mapping with `name:` (`{name: sgd, learning_rate: 0.1}`), or a single key
/// naming it (`dense: {units: 100}`, `adam: {amsgrad: true}`, `flatten:`). Parameters are checked
/// against the component's declared <see cref="ParameterInfo"/>s and every default is filled in.
/// </summary>
public sealed class ComponentBinder(ComponentRegistries models, DiagnosticBag bag, string configDirectory)
{
    public ComponentRegistries Models { get; } = models;

    /// <param name="extraParameters">Parameters written beside the component rather than inside it (a dataset's, in `data:`).</param>
    public ComponentSpec? Bind<T>(ConfigNode node, Registry<T> registry, string path,
        IReadOnlyList<MappingEntry>? extraParameters = null) where T : IComponentType
    {
        if (Split(node, registry, path) is not var (nameNode, parameters)) return null;
        if (extraParameters is { Count: > 0 }) parameters = parameters.Concat(extraParameters).ToList();
        if (!registry.TryGet(nameNode.Text, out var component))
        {
            bag.Add(nameNode, registry.UnknownMessage(nameNode.Text));
            return null;
        }
        var arguments = BindArguments(component, registry.Kind, parameters, nameNode, path);
        return arguments is null ? null : new ComponentSpec(component.Name, arguments);
    }

    /// <summary>A component by name with all its defaults, for a section's default (e.g. rmsprop).</summary>
    public ComponentSpec? Default<T>(string name, Registry<T> registry, ConfigNode at) where T : IComponentType
    {
        if (registry.TryGet(name, out var component)) return WithDefaults(component);
        bag.Add(at, $"the default {registry.Kind} '{name}' is not registered; name one explicitly. {NameSuggestion.KnownAndSuggestion(name, registry.Names)}");
        return null;
    }

    /// <summary>The name a component node gives, in whichever form, without checking anything else.</summary>
    public static string? NameOf(ConfigNode node) => node switch
    {
        ScalarNode { IsNull: false } scalar => scalar.Text,
        MappingNode mapping when mapping.Find("name")?.Value is ScalarNode name => name.Text,
        MappingNode { Entries: [var only] } => only.Name,
        _ => null,
    };

    (ScalarNode Name, IReadOnlyList<MappingEntry> Parameters)? Split<T>(ConfigNode node, Registry<T> registry, string path)
        where T : IComponentType
    {
        var kind = registry.Kind;
        switch (node)
        {
            case ScalarNode { IsNull: true }:
                bag.Add(node, $"{path}: the {kind} is missing; write a {kind} name. Known: {string.Join(", ", registry.Names)}.");
                return null;
            case ScalarNode scalar:
                return (scalar, Array.Empty<MappingEntry>());
            case MappingNode mapping when mapping.Find("name") is { } nameEntry:
                if (Values.Scalar(nameEntry.Value, $"{path}.name", $"a {kind} name", bag) is not { } name) return null;
                return (name, mapping.Entries.Where(e => e != nameEntry).ToList());
            case MappingNode { Entries: [var only] } when registry.TryGet(only.Name, out _) || only.Value is MappingNode or ScalarNode { IsNull: true }:
                if (only.Value is MappingNode settings) return (only.Key, settings.Entries);
                if (only.Value is ScalarNode { IsNull: true }) return (only.Key, Array.Empty<MappingEntry>());
                bag.Add(only.Value, $"{path}.{only.Name}: expected the {kind}'s settings as a mapping, got {only.Value.Describe()}; write e.g. `{only.Name}: {{{FirstParameter(registry, only.Name)}: ...}}`");
                return null;
            case MappingNode { Entries.Count: 0 }:
                bag.Add(node, $"{path}: an empty mapping is not a {kind}; write a {kind} name");
                return null;
            case MappingNode:
                bag.Add(node, $"{path}: {Article(kind)} {kind} written as a mapping needs `name:`; write e.g. `{{name: {registry.Names.FirstOrDefault() ?? kind}, ...}}`");
                return null;
            default:
                bag.Add(node, $"{path}: expected a {kind} name or mapping, got {node.Describe()}");
                return null;
        }
    }

    internal static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";

    static string FirstParameter<T>(Registry<T> registry, string name) where T : IComponentType =>
        registry.TryGet(name, out var c) && c.Parameters.Count > 0 ? c.Parameters[0].Name : "parameter";

    Arguments? BindArguments(IComponentType component, string kind, IReadOnlyList<MappingEntry> given, ScalarNode nameNode, string path)
    {
        bool ok = true;
        var byName = new Dictionary<string, MappingEntry>();
        foreach (var entry in given)
        {
            var declared = component.Parameters.FirstOrDefault(p => p.Name == entry.Name);
            if (declared is null)
            {
                bag.Add(entry.Key, NoSuchParameter(component, kind, entry.Name));
                ok = false;
            }
            else if (byName.TryGetValue(declared.Name, out var first))
            {
                bag.Add(entry.Key, $"{path}: '{entry.Name}' is given twice (also at line {first.Key.Position.Line}); keep one");
                ok = false;
            }
            else byName[declared.Name] = entry;
        }

        var items = new List<KeyValuePair<string, object>>();
        foreach (var parameter in component.Parameters)
        {
            if (byName.TryGetValue(parameter.Name, out var entry) && entry.Value is not ScalarNode { IsNull: true })
            {
                var value = Convert(parameter, entry.Value, $"{path}.{parameter.Name}", kind, component.Name);
                if (value is null) ok = false; else items.Add(new(parameter.Name, value));
            }
            else if (parameter.Default is not null) items.Add(new(parameter.Name, NormalizeDefault(parameter)));
            else if (parameter.Required)
            {
                bag.Add(nameNode, $"{path}: {kind} '{component.Name}' needs '{parameter.Name}' ({parameter.Description.TrimEnd('.')}); add `{parameter.Name}: ...`");
                ok = false;
            }
        }
        return ok ? new Arguments(items) : null;
    }

    static string NoSuchParameter(IComponentType component, string kind, string name) =>
        component.Parameters.Count == 0
            ? $"{kind} '{component.Name}' takes no parameters, so '{name}' is unknown; remove it"
            : $"{kind} '{component.Name}' has no parameter '{name}'. {NameSuggestion.KnownAndSuggestion(name, component.Parameters.Select(p => p.Name))}";

    object? Convert(ParameterInfo parameter, ConfigNode node, string path, string kind, string componentName) => parameter.Type switch
    {
        ParameterType.Int => Values.Int(node, path, bag, parameter.Range),
        ParameterType.Float => Values.Float(node, path, bag, parameter.Range),
        ParameterType.Bool => Values.Bool(node, path, bag),
        ParameterType.Choice => Choice(parameter, node, path),
        ParameterType.IntPair => Pair(parameter, node, path),
        ParameterType.Activation => Bind(node, Models.Activations, path),
        ParameterType.Initializer => Bind(node, Models.Initializers, path),
        ParameterType.Text when IsPath(parameter) =>
            Values.Text(node, path, bag) is { } text ? System.IO.Path.GetFullPath(text, configDirectory) : null,
        _ => Values.Text(node, path, bag),
    };

    /// <summary>
    /// `path` and `*_path` text parameters name files. They are made absolute against the config file's
    /// folder here, so a run (and its saved resolved config) does not depend on where it is started.
    /// </summary>
    public static bool IsPath(ParameterInfo parameter) =>
        parameter.Name == "path" || parameter.Name.EndsWith("_path", StringComparison.Ordinal);

    object? Choice(ParameterInfo parameter, ConfigNode node, string path)
    {
        if (Values.Text(node, path, bag) is not { } text) return null;
        var choices = parameter.Choices ?? Array.Empty<string>();
        var match = choices.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        bag.Add(node, $"{path}: unknown {parameter.Name} '{text}'. {NameSuggestion.KnownAndSuggestion(text, choices)}");
        return null;
    }

    object? Pair(ParameterInfo parameter, ConfigNode node, string path)
    {
        if (node is SequenceNode list)
        {
            if (list.Items.Count != 2)
            {
                bag.Add(node, $"{path}: expected one number or a pair [height, width], got a list of {list.Items.Count}; write e.g. `{parameter.Name}: [3, 3]`");
                return null;
            }
            var height = Values.Int(list.Items[0], $"{path}[0]", bag, parameter.Range);
            var width = Values.Int(list.Items[1], $"{path}[1]", bag, parameter.Range);
            return height is { } h && width is { } w ? new IntPair(h, w) : null;
        }
        return Values.Int(node, path, bag, parameter.Range) is { } size ? new IntPair(size, size) : null;
    }

    /// <summary>Defaults in the declared type, so that a default and the same value written out bind alike.</summary>
    object NormalizeDefault(ParameterInfo parameter)
    {
        var value = parameter.Default!;
        return parameter.Type switch
        {
            ParameterType.Int => System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
            ParameterType.Float => System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
            ParameterType.IntPair when value is int size => new IntPair(size, size),
            ParameterType.Activation => Filled(value, Models.Activations),
            ParameterType.Initializer => Filled(value, Models.Initializers),
            _ => value,
        };
    }

    /// <summary>A nested default (`linear`, `glorot_uniform`) with its own defaults filled in too.</summary>
    ComponentSpec Filled<T>(object value, Registry<T> registry) where T : IComponentType
    {
        var spec = value as ComponentSpec ?? ComponentSpec.Of((string)value);
        return Complete(registry.Get(spec.Name), spec.Arguments);
    }

    ComponentSpec WithDefaults(IComponentType component) => Complete(component, Arguments.Empty);

    ComponentSpec Complete(IComponentType component, Arguments given) =>
        new(component.Name, new Arguments(component.Parameters
            .Where(p => given.ContainsKey(p.Name) || p.Default is not null)
            .Select(p => new KeyValuePair<string, object>(p.Name, given.TryGetValue(p.Name, out var v) ? v : NormalizeDefault(p)))));
}
