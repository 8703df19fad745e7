var t = TorchSharp.torch.ones(2, 2);
Console.WriteLine(t.sum().item<float>());
