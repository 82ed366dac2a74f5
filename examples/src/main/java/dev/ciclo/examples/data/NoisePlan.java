package dev.ciclo.examples.data;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.noise.NoiseBank;
import java.util.Arrays;

/**
 * Which noise goes where, kept apart honestly: {@code street-cars.wav} is cut in two, its first
 * 60% for training and its last 40% for testing (the dev slice and live traffic), so that no
 * test clip holds noise heard in training; {@code street-buses-tram.wav} likewise, its first half
 * for training and its second half for the noisier street that production meets later.
 *
 * @param carsTrain the first 60% of street-cars, for augmentation
 * @param carsTest the last 40% of street-cars, for the dev slice and everyday traffic
 * @param busesTrain the first half of street-buses-tram, for augmentation
 * @param busesLive the second half of street-buses-tram, for the changed traffic
 * @param windy the windy street with distant cars, for augmentation
 */
public record NoisePlan(NoiseBank carsTrain, NoiseBank carsTest, NoiseBank busesTrain,
    NoiseBank busesLive, NoiseBank windy) {
  /**
   * Cuts the data's noise.
   *
   * @param data the data
   * @return the plan
   */
  public static NoisePlan of(SpeechData data) {
    AudioClip cars = data.noise().get(SpeechData.STREET_CARS);
    AudioClip buses = data.noise().get(SpeechData.BUSES_TRAM);
    int rate = SpeechData.SAMPLE_RATE;
    return new NoisePlan(
        NoiseBank.of("street-cars.wav[0-60%]", cut(cars, 0, 0.6), rate),
        NoiseBank.of("street-cars.wav[60-100%]", cut(cars, 0.6, 1), rate),
        NoiseBank.of("street-buses-tram.wav[0-50%]", cut(buses, 0, 0.5), rate),
        NoiseBank.of("street-buses-tram.wav[50-100%]", cut(buses, 0.5, 1), rate),
        NoiseBank.of(SpeechData.WINDY_STREET, data.noise().get(SpeechData.WINDY_STREET), rate));
  }

  static AudioClip cut(AudioClip clip, double from, double to) {
    float[] s = clip.samples();
    return AudioClip.of(Arrays.copyOfRange(s, (int) (from * s.length), (int) (to * s.length)),
        clip.sampleRate());
  }
}
