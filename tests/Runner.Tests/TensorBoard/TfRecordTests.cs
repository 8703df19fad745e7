using System.Text;
using global::Runner.TensorBoard;

namespace Runner.Tests.TensorBoard;

public class TfRecordTests
{
    [Fact]
    public void The_masked_crc32c_matches_the_standard_check_value()
    {
        // The CRC-32C check value of "123456789" is 0xE3069283 (RFC 3720, iSCSI); masked the TFRecord way.
        Assert.Equal(0xC78AB0E5u, TfRecordFile.MaskedCrc(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xA282EAD8u, TfRecordFile.MaskedCrc([]));
    }

    [Fact]
    public void A_file_of_records_is_byte_for_byte_what_the_hand_written_crc_wrote()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tfrecord-{Guid.NewGuid():N}");
        try
        {
            foreach (var r in new[] { new byte[] { 1, 2, 3 }, [], Encoding.UTF8.GetBytes("hello, tensorboard") }) TfRecordFile.Append(path, r);
            // Written by the table-driven CRC-32C this project had before System.IO.Hashing's.
            Assert.Equal("0300000000000000b099490e01020339cdc086000000000000000029039807d8ea82a21200000000000000241f642568656c6c6f2c2074656e736f72626f617264ba263289",
                Convert.ToHexStringLower(File.ReadAllBytes(path)));
        }
        finally { File.Delete(path); }
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
