using Runner.Models.Activations;
using Runner.Models.Initializers;
using Runner.Models.Layers;
using Runner.Models.Losses;
using Runner.Models.Metrics;
using Runner.Models.Optimizers;
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

        r.Layers.Add(new FlattenLayer());
        r.Layers.Add(new DenseLayer());
        r.Layers.Add(new Conv2dLayer());
        r.Layers.Add(Pool2dLayer.Max);
        r.Layers.Add(Pool2dLayer.Average);
        r.Layers.Add(new DropoutLayer());
        r.Layers.Add(new BatchNormLayer());
        r.Layers.Add(new ActivationLayer());

        r.Activations.Add(StandardActivations.Linear);
        r.Activations.Add(StandardActivations.Relu);
        r.Activations.Add(StandardActivations.Sigmoid);
        r.Activations.Add(StandardActivations.Tanh);
        r.Activations.Add(StandardActivations.Softmax);
        r.Activations.Add(StandardActivations.LeakyRelu);
        r.Activations.Add(StandardActivations.Elu);
        r.Activations.Add(StandardActivations.Selu);
        r.Activations.Add(StandardActivations.Gelu);
        r.Activations.Add(StandardActivations.Silu);
        r.Activations.Add(StandardActivations.Softplus);

        r.Initializers.Add(StandardInitializers.Zeros);
        r.Initializers.Add(StandardInitializers.Ones);
        r.Initializers.Add(StandardInitializers.Constant);
        r.Initializers.Add(StandardInitializers.RandomNormal);
        r.Initializers.Add(StandardInitializers.RandomUniform);
        r.Initializers.Add(StandardInitializers.TruncatedNormal);
        r.Initializers.Add(VarianceScaling.GlorotUniform);
        r.Initializers.Add(VarianceScaling.GlorotNormal);
        r.Initializers.Add(VarianceScaling.HeNormal);
        r.Initializers.Add(VarianceScaling.HeUniform);
        r.Initializers.Add(VarianceScaling.LecunNormal);
        r.Initializers.Add(VarianceScaling.LecunUniform);
        r.Initializers.Add(StandardInitializers.Orthogonal);

        r.Optimizers.Add(StandardOptimizers.Sgd);
        r.Optimizers.Add(StandardOptimizers.RmsProp);
        r.Optimizers.Add(StandardOptimizers.Adam);
        r.Optimizers.Add(StandardOptimizers.AdamW);
        r.Optimizers.Add(StandardOptimizers.Adagrad);
        r.Optimizers.Add(StandardOptimizers.Adadelta);
        r.Optimizers.Add(StandardOptimizers.Adamax);
        r.Optimizers.Add(StandardOptimizers.Nadam);

        r.Losses.Add(new SparseCategoricalCrossentropy());
        r.Losses.Add(new CategoricalCrossentropy());
        r.Losses.Add(new MeanSquaredError());

        r.Metrics.Add(new LossMetric());
        r.Metrics.Add(new AccuracyMetric());
        r.Metrics.Add(new TopKAccuracy());
        r.Metrics.Add(new Precision());
        r.Metrics.Add(new Recall());
        r.Metrics.Add(new F1Score());
        r.Metrics.Add(new BalancedAccuracy());

        return r;
    }
}
