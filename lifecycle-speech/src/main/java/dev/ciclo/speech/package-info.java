/**
 * Speech commands as a library feature: {@link dev.ciclo.speech.SpeechRecipe} (features,
 * augmentation policy, model and training), {@link dev.ciclo.speech.VoiceActivity} and the
 * {@link dev.ciclo.speech.SpeechRecipe#NO_SPEECH} outcome, {@link dev.ciclo.speech.SpeechModel},
 * the monitored {@link dev.ciclo.speech.SpeechSignals}, decoding WAV requests for serving
 * ({@link dev.ciclo.speech.SpeechRequests}) and the honest evaluation ({@link
 * dev.ciclo.speech.LeaveOneSpeakerOut}).
 */
package dev.ciclo.speech;
