using System.Text;
using global::Runner.TensorBoard;

namespace Runner.Tests.TensorBoard;

public class TfRecordTests
{
    [Fact]
    public void Crc32C_matches_the_standard_check_value()
    {
        // The CRC-32C check value of "123456789" (RFC 3720, iSCSI).
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Records_round_trip_and_a_flipped_byte_is_caught()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tfrecord-{Guid.NewGuid():N}");
        try
        {
            byte[][] records = [[1, 2, 3], [], Encoding.UTF8.GetBytes("hello, tensorboard")];
            foreach (var r in records) TfRecordFile.Append(path, r);
            Assert.Equal(records, TfRecordFile.ReadAll(path));
            Assert.Equal(3 * 16 + 3 + 18, new FileInfo(path).Length);

            // A half-written last record (a writer still at work) is not an error: it is left out.
            File.AppendAllText(path, "\u0005\0\0\0");
            Assert.Equal(3, TfRecordFile.ReadAll(path).Count);

            var bytes = File.ReadAllBytes(path);
            bytes[13] ^= 0xFF;   // inside the first record's data
            File.WriteAllBytes(path, bytes);
            Assert.Throws<InvalidDataException>(() => TfRecordFile.ReadAll(path));
        }
        finally { File.Delete(path); }
    }
}
