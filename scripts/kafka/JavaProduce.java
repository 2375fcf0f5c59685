// Produces test records with Kafka's own Java producer (kafka-clients from .tmp/kafka-libs), so
// tests can read what a JVM producer really writes: each compression codec, headers, null keys.
//
//   java -cp '.tmp/kafka-libs/*' scripts/kafka/JavaProduce.java BOOTSTRAP TOPIC_PREFIX COUNT
//
// For each codec in none, gzip, snappy, lz4, zstd: COUNT records into TOPIC_PREFIX-<codec>, key
// "k<i>" (null for every 10th), value {"i":<i>,"codec":"<codec>"}, header "n" = "<i>".
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class JavaProduce {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    for (String codec : new String[] {"none", "gzip", "snappy", "lz4", "zstd"}) {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      p.put("compression.type", codec);
      p.put("linger.ms", "20");
      p.put("key.serializer", ByteArraySerializer.class.getName());
      p.put("value.serializer", ByteArraySerializer.class.getName());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
        for (int i = 0; i < count; i++) {
          byte[] key = i % 10 == 9 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8);
          byte[] value = ("{\"i\":" + i + ",\"codec\":\"" + codec + "\"}").getBytes(StandardCharsets.UTF_8);
          ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(prefix + "-" + codec, null, key, value);
          r.headers().add("n", String.valueOf(i).getBytes(StandardCharsets.UTF_8));
          producer.send(r);
        }
        producer.flush();
      }
    }
  }
}
