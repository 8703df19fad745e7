using Runner.Models.Specs;

namespace Runner.Data;

/// <summary>
/// What validation needs to know about a dataset before loading it: the shape of one sample (Keras
/// layout, e.g. (28, 28)) and the number of classes.
/// </summary>
public sealed record DatasetDescription(Shape SampleShape, int Classes);
