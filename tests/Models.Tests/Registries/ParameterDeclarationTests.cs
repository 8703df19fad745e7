using System.Globalization;
using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Tests.Registries;

public class ParameterDeclarationTests
{
    static IEnumerable<IComponentType> AllComponents()
    {
        var r = BuiltIns.Registries;
        return r.Layers.All.Cast<IComponentType>().Concat(r.Activations.All).Concat(r.Initializers.All)
            .Concat(r.Optimizers.All).Concat(r.Losses.All).Concat(r.Metrics.All);
    }

    [Fact]
    public void Every_declared_default_has_the_declared_type_and_lies_in_its_range()
    {
        var r = BuiltIns.Registries;
        foreach (var component in AllComponents())
        {
            Assert.False(string.IsNullOrWhiteSpace(component.Description), component.Name);
            foreach (var p in component.Parameters)
            {
                string where = $"{component.Name}.{p.Name}";
                Assert.False(string.IsNullOrWhiteSpace(p.Description), where);
                if (p.Default is null) continue;
                bool typeFits = p.Type switch
                {
                    ParameterType.Int => p.Default is int,
                    ParameterType.Float => p.Default is double,
                    ParameterType.Bool => p.Default is bool,
                    ParameterType.Choice => p.Default is string s && p.Choices!.Contains(s),
                    ParameterType.IntPair => p.Default is IntPair,
                    ParameterType.Activation => p.Default is ComponentSpec a && r.Activations.TryGet(a.Name, out _),
                    ParameterType.Initializer => p.Default is ComponentSpec i && r.Initializers.TryGet(i.Name, out _),
                    _ => false,
                };
                Assert.True(typeFits, where);
                if (p.Range is { } range)
                {
                    double value = p.Default is IntPair pair ? Math.Min(pair.Height, pair.Width) : Convert.ToDouble(p.Default, CultureInfo.InvariantCulture);
                    Assert.True(range.Contains(value), $"{where} = {p.DefaultText} outside {range}");
                }
            }
        }
    }

    [Theory]
    [InlineData("sgd", "learning_rate=0.01, momentum=0, nesterov=false, weight_decay=0")]
    [InlineData("rmsprop", "learning_rate=0.001, rho=0.9, momentum=0, epsilon=1E-07, centered=false")]
    [InlineData("adam", "learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1E-07, amsgrad=false, weight_decay=0")]
    [InlineData("adamw", "learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1E-07, amsgrad=false")]
    [InlineData("adagrad", "learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1E-07")]
    [InlineData("adadelta", "learning_rate=0.001, rho=0.95, epsilon=1E-07")]
    [InlineData("adamax", "learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1E-07")]
    [InlineData("nadam", "learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1E-07")]
    public void Optimizers_default_to_Keras(string name, string defaults) =>
        Assert.Equal(defaults, Arguments.For(BuiltIns.Registries.Optimizers.Get(name).Parameters).ToString());

    [Theory]
    [InlineData("dense", "units=(required) activation=linear kernel_initializer=glorot_uniform bias_initializer=zeros use_bias=true")]
    [InlineData("conv2d", "filters=(required) kernel_size=(required) strides=1 padding=valid activation=linear kernel_initializer=glorot_uniform bias_initializer=zeros use_bias=true")]
    [InlineData("maxpool2d", "pool_size=2 strides=(none) padding=valid")]
    [InlineData("avgpool2d", "pool_size=2 strides=(none) padding=valid")]
    [InlineData("dropout", "rate=(required)")]
    [InlineData("batchnorm", "momentum=0.99 epsilon=0.001")]
    [InlineData("activation", "activation=(required)")]
    [InlineData("flatten", "")]
    public void Layers_declare_Keras_parameters_and_defaults(string name, string declared)
    {
        var parameters = BuiltIns.Registries.Layers.Get(name).Parameters;
        Assert.Equal(declared, string.Join(" ", parameters.Select(p => $"{p.Name}={p.DefaultText}")));
    }

    [Theory]
    [InlineData("leaky_relu", "negative_slope=0.2")]
    [InlineData("elu", "alpha=1")]
    [InlineData("random_normal", "mean=0, stddev=0.05")]
    [InlineData("random_uniform", "minval=-0.05, maxval=0.05")]
    [InlineData("truncated_normal", "mean=0, stddev=0.05")]
    [InlineData("orthogonal", "gain=1")]
    [InlineData("constant", "value=0")]
    public void Activations_and_initializers_default_to_Keras(string name, string defaults)
    {
        var r = BuiltIns.Registries;
        IComponentType type = r.Activations.TryGet(name, out var a) ? a : r.Initializers.Get(name);
        Assert.Equal(defaults, Arguments.For(type.Parameters).ToString());
    }

    [Fact]
    public void Ranges_reject_what_Keras_rejects()
    {
        var rate = BuiltIns.Registries.Layers.Get("dropout").Parameters.Single(p => p.Name == "rate").Range!;
        Assert.Equal("[0, 1)", rate.ToString());
        Assert.True(rate.Contains(0));
        Assert.False(rate.Contains(1));
        var units = BuiltIns.Registries.Layers.Get("dense").Parameters.Single(p => p.Name == "units").Range!;
        Assert.Equal(">= 1", units.ToString());
        Assert.False(units.Contains(0));
    }

    [Fact]
    public void Arguments_For_fills_defaults_keeps_given_values_and_rejects_unknown_or_missing_ones()
    {
        var dense = BuiltIns.Registries.Layers.Get("dense").Parameters;
        var args = Arguments.For(dense, ("UNITS", 10), ("use_bias", false));
        Assert.Equal(10, args.Int("units"));
        Assert.False(args.Bool("use_bias"));
        Assert.Equal("glorot_uniform", args.Component("kernel_initializer").Name);
        Assert.Equal("missing required parameter 'units'", Assert.Throws<ArgumentException>(() => Arguments.For(dense)).Message);
        Assert.Equal("unknown parameter 'unit'", Assert.Throws<ArgumentException>(() => Arguments.For(dense, ("unit", 3))).Message);
    }

    [Fact]
    public void WithDefaults_completes_a_spec_written_in_code()
    {
        var relu = BuiltIns.Registries.Activations.Get("leaky_relu");
        Assert.Equal(0.2, relu.WithDefaults(Arguments.Empty).Float("negative_slope"));
        var given = Arguments.For(relu.Parameters, ("negative_slope", 0.5));
        Assert.Equal(0.5, relu.WithDefaults(given).Float("negative_slope"));
    }
}
