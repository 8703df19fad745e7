using System.Text;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Tests.Data;

namespace Runner.Tests.Config.Yaml;

public class YamlTreeTests
{
    static (ConfigNode? Root, IReadOnlyList<Diagnostic> Errors) Parse(string text)
    {
        var bag = new DiagnosticBag();
        var root = ConfigFileReader.Parse(text, "f.yaml", bag);
        return (root, bag.Sorted());
    }

    static Diagnostic OnlyError(string text)
    {
        var (root, errors) = Parse(text);
        return Assert.Single(errors);
    }

    [Fact]
    public void Every_node_keeps_its_line_and_column()
    {
        var (root, errors) = Parse("a: 1\nb:\n  - x\n  - {c: 'q'}\n");
        Assert.Empty(errors);
        var mapping = Assert.IsType<MappingNode>(root);
        Assert.Equal(new SourcePosition("f.yaml", 1, 4), mapping["a"]!.Position);
        var list = Assert.IsType<SequenceNode>(mapping["b"]);
        Assert.Equal((3, 5), (list.Items[0].Position.Line, list.Items[0].Position.Column));
        var inner = Assert.IsType<MappingNode>(list.Items[1]);
        var quoted = Assert.IsType<ScalarNode>(inner["c"]);
        Assert.True(quoted.Quoted);
        Assert.Equal((4, 9), (quoted.Position.Line, quoted.Position.Column));
        Assert.Equal((2, 1), (mapping.Find("b")!.Key.Position.Line, mapping.Find("b")!.Key.Position.Column));
    }

    [Theory]
    [InlineData("5", ScalarKind.Int)]
    [InlineData("-12", ScalarKind.Int)]
    [InlineData("0x1F", ScalarKind.Int)]
    [InlineData("0.5", ScalarKind.Float)]
    [InlineData("1e-3", ScalarKind.Float)]
    [InlineData(".inf", ScalarKind.Float)]
    [InlineData("true", ScalarKind.Bool)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("", ScalarKind.Null)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData("five", ScalarKind.String)]
    [InlineData("'5'", ScalarKind.String)]
    public void Scalars_are_typed_by_the_yaml_1_2_core_schema(string text, ScalarKind kind)
    {
        var (root, _) = Parse("v: " + text + "\n");
        Assert.Equal(kind, Assert.IsType<ScalarNode>(((MappingNode)root!)["v"] ?? ((MappingNode)root!).Find("v")!.Value).Kind);
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_the_second_with_the_line_of_the_first()
    {
        var error = OnlyError("train:\n  epochs: 5\n  batch_size: 3\n  epochs: 6\n");
        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Contains("duplicate key 'epochs' (first at line 2)", error.Message);
    }

    [Fact]
    public void Tabs_in_indentation_are_each_reported_where_they_are()
    {
        var (_, errors) = Parse("train:\n\tepochs: 5\n  batch_size: 3\n \tseed: 1\n");
        Assert.Equal(2, errors.Count);
        Assert.Equal((2, 1), (errors[0].Line, errors[0].Column));
        Assert.Equal((4, 2), (errors[1].Line, errors[1].Column));
        Assert.All(errors, e => Assert.Contains("tab character in indentation", e.Message));
    }

    [Theory]
    [InlineData("a: !!python/object:os.system {}\n", "!!python/object")]
    [InlineData("a: !!str 5\n", "!!str")]
    [InlineData("a: !custom x\n", "!custom")]
    public void Any_explicit_tag_is_refused(string text, string tag)
    {
        var error = OnlyError(text);
        Assert.Equal((1, 4), (error.Line, error.Column));
        Assert.Contains(tag, error.Message);
        Assert.Contains("plain data only", error.Message);
    }

    [Fact]
    public void Aliases_share_the_anchored_node_and_merge_keys_merge()
    {
        var (root, errors) = Parse("base: &b {units: 10, activation: relu}\nuse: *b\nmerged: {<<: *b, units: 20}\n");
        Assert.Empty(errors);
        var mapping = (MappingNode)root!;
        Assert.Same(mapping["base"], mapping["use"]);
        var merged = (MappingNode)mapping["merged"]!;
        Assert.Equal("20", ((ScalarNode)merged["units"]!).Text);
        Assert.Equal("relu", ((ScalarNode)merged["activation"]!).Text);
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_is_refused_quickly_with_a_position()
    {
        var bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++)
            bomb.Append($"{c}: &{c} [{string.Join(", ", Enumerable.Repeat("*" + (char)(c - 1), 9))}]\n");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = OnlyError(bomb.ToString());
        Assert.True(started.ElapsedMilliseconds < 2000);
        Assert.Contains("alias bomb", error.Message);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void An_unknown_alias_is_reported()
    {
        var error = OnlyError("a: *nowhere\n");
        Assert.Equal((1, 4), (error.Line, error.Column));
        Assert.Contains("refers to no anchor", error.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var error = OnlyError("a: " + new string('[', 5000) + new string(']', 5000) + "\n");
        Assert.Contains("nesting deeper than", error.Message);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", 1, 4, "never closed")]
    [InlineData("x: \"unterminated\n", 1, 4, "quote is never closed")]
    [InlineData("key: 'ok'\n  bad indent: 2\n", 2, 3, "indentation")]
    [InlineData("a: b: c\n", 1, 5, "can't start a mapping here")]
    [InlineData("a: 1\n---\nb: 2\n", 2, 1, "second YAML document")]
    public void Syntax_errors_are_positioned_and_explained(string text, int line, int column, string words)
    {
        var error = OnlyError(text);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(words, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void An_empty_file_is_an_error_at_its_start(string text)
    {
        var error = OnlyError(text);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("the file is empty", error.Message);
    }

    [Fact]
    public void Files_that_are_missing_directories_or_not_utf8_are_errors_not_exceptions()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder["latin1.yaml"], [.. Encoding.ASCII.GetBytes("name: x\ndata: caf"), 0xE9, (byte)'\n']);
        File.WriteAllBytes(folder["utf16.yaml"], Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a: 1")).ToArray());
        File.WriteAllText(folder["bom.yaml"], "\uFEFFa: 1\n", new UTF8Encoding(true));

        Diagnostic Read(string path)
        {
            var bag = new DiagnosticBag();
            Assert.Null(ConfigFileReader.Read(path, bag));
            return Assert.Single(bag.Sorted());
        }

        var latin1 = Read(folder["latin1.yaml"]);
        Assert.Equal((2, 10), (latin1.Line, latin1.Column));
        Assert.Contains("not valid UTF-8 (byte 0xE9", latin1.Message);
        Assert.Contains("UTF-16", Read(folder["utf16.yaml"]).Message);
        Assert.Contains("directory", Read(folder.Path).Message);
        Assert.Contains("no such file", Read(folder["missing.yaml"]).Message);
        Assert.IsType<MappingNode>(ConfigFileReader.Read(folder["bom.yaml"], new DiagnosticBag()));
    }

    [Fact]
    public void A_variable_in_a_flow_mapping_parses_with_columns_unchanged()
    {
        var (root, errors) = Parse("l: {units: 100, activation: ${activation}}\n");
        Assert.Empty(errors);
        var value = (ScalarNode)((MappingNode)((MappingNode)root!)["l"]!)["activation"]!;
        Assert.Equal("${activation}", value.Text);
        Assert.Equal(29, value.Position.Column);
    }
}
