import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.util.zip.ZipFile

// float32 values of output_0 in an .npz written by the run goal
def floats = { String file ->
    def zip = new ZipFile(new File(basedir, 'target/' + file))
    def bytes = zip.getInputStream(zip.getEntry('output_0.npy')).bytes
    zip.close()
    int headerLen = (bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8)
    def buf = ByteBuffer.wrap(bytes, 10 + headerLen, bytes.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN)
    (0..<buf.remaining() / 4).collect { buf.getFloat() }
}
def a = floats('seed42-a.npz'), b = floats('seed42-b.npz'), c = floats('seed7.npz')
def zeros = floats('zeros.npz'), ones = floats('ones.npz')

assert a.size() == 10                      // conv_small: 10 class probabilities
assert a == b : 'the same seed must give the same inputs'
assert a != c : 'another seed must give other inputs'
assert zeros != ones
assert Math.abs(ones.sum() - 1.0) < 1e-4   // softmax output

// print-top: the 3 largest of output_0 with ones as input, largest first
def log = new File(basedir, 'build.log').getText('UTF-8')
def top = (0..<10).toList().sort { -ones[it] }.take(3)
assert log.contains('Top 3 of output_0:')
assert log.contains('indices: [' + top.join(' ') + ']')
return true
